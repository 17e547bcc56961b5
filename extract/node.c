/* node.c — the plan tree: elements with attributes, text and children.
 * Walks are iterative (vb_node_next_in), so depth never touches the stack. */
#include "extract/extract.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

vb_node *vb_node_new(const char *name)
{
    vb_node *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->name = strdup(name);
    if (!n->name) {
        free(n);
        return NULL;
    }
    vb_text_init(&n->text);
    return n;
}

static void node_free_one(vb_node *n)
{
    for (size_t i = 0; i < n->nattrs; i++) {
        free(n->attrs[i].name);
        free(n->attrs[i].value);
    }
    free(n->attrs);
    vb_text_free(&n->text);
    free(n->name);
    free(n);
}

void vb_node_free(vb_node *n)
{
    if (!n)
        return;
    vb_node_unlink(n);
    /* post-order without recursion: descend to a leaf, free it, climb */
    vb_node *cur = n;
    while (cur) {
        if (cur->first) {
            cur = cur->first;
            continue;
        }
        vb_node *up = cur->parent, *next = cur->next;
        if (up)
            up->first = next;
        if (next)
            next->prev = NULL;
        int done = cur == n;
        node_free_one(cur);
        if (done)
            break;
        cur = next ? next : up;
    }
}

void vb_node_append(vb_node *parent, vb_node *child)
{
    child->parent = parent;
    child->next = NULL;
    child->prev = parent->last;
    if (parent->last)
        parent->last->next = child;
    else
        parent->first = child;
    parent->last = child;
}

void vb_node_insert_before(vb_node *sibling, vb_node *child)
{
    vb_node *p = sibling->parent;
    child->parent = p;
    child->next = sibling;
    child->prev = sibling->prev;
    if (sibling->prev)
        sibling->prev->next = child;
    else if (p)
        p->first = child;
    sibling->prev = child;
}

void vb_node_unlink(vb_node *n)
{
    if (n->prev)
        n->prev->next = n->next;
    else if (n->parent)
        n->parent->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else if (n->parent)
        n->parent->last = n->prev;
    n->parent = n->prev = n->next = NULL;
}

vb_node *vb_node_add(vb_node *parent, const char *name, const char *s)
{
    vb_node *n = vb_node_new(name);
    if (!n)
        return NULL;
    if (s && vb_text_set(&n->text, s, strlen(s))) {
        vb_node_free(n);
        return NULL;
    }
    if (parent)
        vb_node_append(parent, n);
    return n;
}

vb_node *vb_node_add_text(vb_node *parent, const char *name, const vb_text *t)
{
    vb_node *n = vb_node_new(name);
    if (!n)
        return NULL;
    if (t && vb_text_copy(&n->text, t)) {
        vb_node_free(n);
        return NULL;
    }
    if (parent)
        vb_node_append(parent, n);
    return n;
}

int vb_node_set_attr(vb_node *n, const char *name, const char *value)
{
    char *v = strdup(value);
    if (!v)
        return -1;
    for (size_t i = 0; i < n->nattrs; i++) {
        if (strcmp(n->attrs[i].name, name) == 0) {
            free(n->attrs[i].value);
            n->attrs[i].value = v;
            return 0;
        }
    }
    if (n->nattrs == n->attrcap) {
        size_t c = n->attrcap ? n->attrcap * 2 : 4;
        vb_attr *p = realloc(n->attrs, c * sizeof *p);
        if (!p) {
            free(v);
            return -1;
        }
        n->attrs = p;
        n->attrcap = c;
    }
    char *k = strdup(name);
    if (!k) {
        free(v);
        return -1;
    }
    n->attrs[n->nattrs++] = (vb_attr){k, v};
    return 0;
}

int vb_node_set_attrf(vb_node *n, const char *name, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return vb_node_set_attr(n, name, buf);
}

const char *vb_node_attr(const vb_node *n, const char *name)
{
    for (size_t i = 0; i < n->nattrs; i++)
        if (strcmp(n->attrs[i].name, name) == 0)
            return n->attrs[i].value;
    return NULL;
}

vb_node *vb_node_child(const vb_node *n, const char *name)
{
    for (vb_node *c = n->first; c; c = c->next)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

vb_node *vb_node_next_in(const vb_node *n, const vb_node *root)
{
    if (n->first)
        return n->first;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}
