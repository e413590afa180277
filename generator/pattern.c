/* The matcher follows the semantics of Lua 5.4's patterns (the reference
 * manual, section 6.4.1) so templates behave exactly as with the standard
 * library; what differs is that work is counted (see pattern.h). */
#include "pattern.h"
#include "sandbox.h"
#include <ctype.h>
#include <lauxlib.h>
#include <string.h>

enum { MAX_CAPTURES = 32, MAX_DEPTH = 200, CHARGE_EVERY = 4096 };
enum { CAP_OPEN = -1, CAP_POSITION = -2 };

typedef struct {
  const char *src, *src_end, *p_end;
  lua_State *L;
  int level, depth;
  long steps; /* done but not yet charged */
  struct {
    const char *init;
    ptrdiff_t len;
  } cap[MAX_CAPTURES];
} Match;

static void step(Match *m, long n) {
  m->steps += n;
  if (m->steps >= CHARGE_EVERY) {
    long s = m->steps;
    m->steps = 0;
    sandbox_charge(m->L, (double)s);
  }
}

static void charge_rest(Match *m) {
  if (m->steps) sandbox_charge(m->L, (double)m->steps);
  m->steps = 0;
}

static const char *class_end(Match *m, const char *p) {
  char c = *p++;
  if (c == '%') {
    if (p >= m->p_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
    return p + 1;
  }
  if (c == '[') {
    if (*p == '^') p++;
    do { /* the first character may be ']' */
      if (p >= m->p_end) luaL_error(m->L, "malformed pattern (missing ']')");
      if (*p++ == '%' && p < m->p_end) p++;
    } while (*p != ']');
    return p + 1;
  }
  return p;
}

static int class_has(int c, int cl) {
  int r;
  switch (tolower(cl)) {
  case 'a': r = isalpha(c); break;
  case 'c': r = iscntrl(c); break;
  case 'd': r = isdigit(c); break;
  case 'g': r = isgraph(c); break;
  case 'l': r = islower(c); break;
  case 'p': r = ispunct(c); break;
  case 's': r = isspace(c); break;
  case 'u': r = isupper(c); break;
  case 'w': r = isalnum(c); break;
  case 'x': r = isxdigit(c); break;
  case 'z': r = c == 0; break; /* deprecated in Lua 5.4 but still there */
  default: return cl == c;
  }
  if (isupper(cl)) r = !r;
  return r != 0;
}

/* p at '[', close at its ']' */
static int set_has(int c, const char *p, const char *close) {
  int yes = 1;
  if (p[1] == '^') {
    yes = 0;
    p++;
  }
  while (++p < close) {
    if (*p == '%') {
      p++;
      if (class_has(c, (unsigned char)*p)) return yes;
    } else if (p[1] == '-' && p + 2 < close) {
      p += 2;
      if ((unsigned char)p[-2] <= c && c <= (unsigned char)*p) return yes;
    } else if ((unsigned char)*p == c) {
      return yes;
    }
  }
  return !yes;
}

static int single(Match *m, const char *s, const char *p, const char *ep) {
  if (s >= m->src_end) return 0;
  int c = (unsigned char)*s;
  switch (*p) {
  case '.': return 1;
  case '%': return class_has(c, (unsigned char)p[1]);
  case '[': return set_has(c, p, ep - 1);
  default: return (unsigned char)*p == c;
  }
}

static const char *match(Match *m, const char *s, const char *p);

static const char *balance(Match *m, const char *s, const char *p) {
  if (p + 1 >= m->p_end) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
  if (s >= m->src_end || *s != *p) return NULL;
  char open = p[0], close = p[1];
  int depth = 1;
  const char *start = s;
  while (++s < m->src_end) {
    if (*s == close) {
      if (--depth == 0) {
        step(m, s - start);
        return s + 1;
      }
    } else if (*s == open) {
      depth++;
    }
  }
  step(m, s - start);
  return NULL;
}

static const char *longest(Match *m, const char *s, const char *p, const char *ep) {
  ptrdiff_t i = 0;
  while (single(m, s + i, p, ep)) i++;
  step(m, i);
  for (; i >= 0; i--) {
    const char *r = match(m, s + i, ep + 1);
    if (r) return r;
    step(m, 1);
  }
  return NULL;
}

static const char *shortest(Match *m, const char *s, const char *p, const char *ep) {
  for (;;) {
    const char *r = match(m, s, ep + 1);
    if (r) return r;
    if (!single(m, s, p, ep)) return NULL;
    s++;
    step(m, 1);
  }
}

static const char *open_capture(Match *m, const char *s, const char *p, ptrdiff_t what) {
  if (m->level >= MAX_CAPTURES) luaL_error(m->L, "too many captures");
  m->cap[m->level].init = s;
  m->cap[m->level].len = what;
  m->level++;
  const char *r = match(m, s, p);
  if (!r) m->level--;
  return r;
}

static const char *close_capture(Match *m, const char *s, const char *p) {
  int l = m->level - 1;
  while (l >= 0 && m->cap[l].len != CAP_OPEN) l--;
  if (l < 0) luaL_error(m->L, "invalid pattern capture");
  m->cap[l].len = s - m->cap[l].init;
  const char *r = match(m, s, p);
  if (!r) m->cap[l].len = CAP_OPEN;
  return r;
}

static const char *backref(Match *m, const char *s, int digit) {
  int l = digit - '1';
  if (l < 0 || l >= m->level || m->cap[l].len == CAP_OPEN)
    luaL_error(m->L, "invalid capture index %%%d", l + 1);
  size_t len = (size_t)m->cap[l].len;
  step(m, (long)len);
  if ((size_t)(m->src_end - s) >= len && memcmp(m->cap[l].init, s, len) == 0) return s + len;
  return NULL;
}

static const char *match(Match *m, const char *s, const char *p) {
  if (m->depth-- == 0) luaL_error(m->L, "pattern too complex");
  step(m, 1);
again:
  if (p == m->p_end) goto done;
  switch (*p) {
  case '(':
    s = p[1] == ')' ? open_capture(m, s, p + 2, CAP_POSITION) : open_capture(m, s, p + 1, CAP_OPEN);
    goto done;
  case ')':
    s = close_capture(m, s, p + 1);
    goto done;
  case '$':
    if (p + 1 != m->p_end) break;
    s = s == m->src_end ? s : NULL;
    goto done;
  case '%':
    if (p[1] == 'b') {
      s = balance(m, s, p + 2);
      if (s) {
        p += 4;
        goto again;
      }
      goto done;
    }
    if (p[1] == 'f') {
      p += 2;
      if (*p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
      const char *ep = class_end(m, p);
      int prev = s == m->src ? 0 : (unsigned char)s[-1];
      int cur = s < m->src_end ? (unsigned char)*s : 0;
      if (!set_has(prev, p, ep - 1) && set_has(cur, p, ep - 1)) {
        p = ep;
        goto again;
      }
      s = NULL;
      goto done;
    }
    if (isdigit((unsigned char)p[1])) {
      s = backref(m, s, p[1]);
      if (s) {
        p += 2;
        goto again;
      }
      goto done;
    }
    break;
  default: break;
  }
  /* a single character class, perhaps with a quantifier */
  const char *ep = class_end(m, p);
  if (!single(m, s, p, ep)) {
    if (*ep == '*' || *ep == '?' || *ep == '-') {
      p = ep + 1;
      goto again;
    }
    s = NULL;
    goto done;
  }
  switch (*ep) {
  case '?': {
    const char *r = match(m, s + 1, ep + 1);
    if (r) {
      s = r;
      goto done;
    }
    p = ep + 1;
    goto again;
  }
  case '+': s = longest(m, s + 1, p, ep); goto done;
  case '*': s = longest(m, s, p, ep); goto done;
  case '-': s = shortest(m, s, p, ep); goto done;
  default:
    s++;
    p = ep;
    goto again;
  }
done:
  m->depth++;
  return s;
}

static void prepare(Match *m, lua_State *L, const char *s, size_t ls, const char *p, size_t lp) {
  m->L = L;
  m->src = s;
  m->src_end = s + ls;
  m->p_end = p + lp;
  m->steps = 0;
}

static void reset(Match *m) {
  m->level = 0;
  m->depth = MAX_DEPTH;
  step(m, 1); /* each start position costs at least a step */
}

static void push_one(Match *m, int i, const char *s, const char *e) {
  if (i >= m->level) {
    if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
    lua_pushlstring(m->L, s, (size_t)(e - s)); /* no captures: the whole match */
    return;
  }
  ptrdiff_t l = m->cap[i].len;
  if (l == CAP_OPEN) luaL_error(m->L, "unfinished capture");
  if (l == CAP_POSITION) lua_pushinteger(m->L, (m->cap[i].init - m->src) + 1);
  else lua_pushlstring(m->L, m->cap[i].init, (size_t)l);
}

static int push_captures(Match *m, const char *s, const char *e) {
  int n = (m->level == 0 && s) ? 1 : m->level;
  luaL_checkstack(m->L, n, "too many captures");
  for (int i = 0; i < n; i++) push_one(m, i, s, e);
  return n;
}

static size_t start_index(lua_Integer pos, size_t len) {
  if (pos > 0) return (size_t)pos;
  if (pos == 0) return 1;
  if (pos < -(lua_Integer)len) return 1;
  return len + (size_t)pos + 1;
}

static int plain(const char *p, size_t lp) {
  for (size_t i = 0; i < lp; i++)
    if (strchr("^$*+?.([%-", p[i]) && p[i]) return 0;
  return 1;
}

static int find_or_match(lua_State *L, int find) {
  size_t ls, lp;
  const char *s = luaL_checklstring(L, 1, &ls);
  const char *p = luaL_checklstring(L, 2, &lp);
  size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init > ls) {
    luaL_pushfail(L);
    return 1;
  }
  if (find && (lua_toboolean(L, 4) || plain(p, lp))) {
    /* glibc's memmem is linear in both lengths */
    sandbox_charge(L, (double)(ls - init + lp) / 16);
    const char *at = lp ? memmem(s + init, ls - init, p, lp) : s + init;
    if (!at) {
      luaL_pushfail(L);
      return 1;
    }
    lua_pushinteger(L, (at - s) + 1);
    lua_pushinteger(L, (at - s) + (lua_Integer)lp);
    return 2;
  }
  Match m;
  int anchor = lp && *p == '^';
  if (anchor) {
    p++;
    lp--;
  }
  prepare(&m, L, s, ls, p, lp);
  const char *s1 = s + init;
  do {
    reset(&m);
    const char *e = match(&m, s1, p);
    if (e) {
      charge_rest(&m);
      if (find) {
        lua_pushinteger(L, (s1 - s) + 1);
        lua_pushinteger(L, e - s);
        return push_captures(&m, NULL, NULL) + 2;
      }
      return push_captures(&m, s1, e);
    }
  } while (s1++ < m.src_end && !anchor);
  charge_rest(&m);
  luaL_pushfail(L);
  return 1;
}

static int l_find(lua_State *L) { return find_or_match(L, 1); }
static int l_match(lua_State *L) { return find_or_match(L, 0); }

/* upvalues: subject, pattern, next offset, offset of the last match end (-1: none) */
static int gmatch_next(lua_State *L) {
  size_t ls, lp;
  const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
  const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
  lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
  lua_Integer last = lua_tointeger(L, lua_upvalueindex(4));
  Match m;
  prepare(&m, L, s, ls, p, lp);
  for (const char *src = s + pos; src <= m.src_end; src++) {
    reset(&m);
    const char *e = match(&m, src, p);
    if (e && e - s != last) {
      charge_rest(&m);
      lua_pushinteger(L, e - s);
      lua_pushvalue(L, -1);
      lua_replace(L, lua_upvalueindex(3));
      lua_replace(L, lua_upvalueindex(4));
      return push_captures(&m, src, e);
    }
  }
  charge_rest(&m);
  lua_pushinteger(L, (lua_Integer)ls + 1);
  lua_replace(L, lua_upvalueindex(3));
  return 0;
}

static int l_gmatch(lua_State *L) {
  size_t ls;
  luaL_checklstring(L, 1, &ls);
  luaL_checkstring(L, 2);
  size_t init = start_index(luaL_optinteger(L, 3, 1), ls) - 1;
  if (init > ls) init = ls + 1; /* nothing to match */
  lua_settop(L, 2);
  lua_pushinteger(L, (lua_Integer)init);
  lua_pushinteger(L, -1);
  lua_pushcclosure(L, gmatch_next, 4);
  return 1;
}

static void add_template(Match *m, luaL_Buffer *b, const char *s, const char *e) {
  lua_State *L = m->L;
  size_t l;
  const char *r = lua_tolstring(L, 3, &l);
  const char *end = r + l;
  step(m, (long)(l / 16));
  const char *q;
  while ((q = memchr(r, '%', (size_t)(end - r))) != NULL) {
    luaL_addlstring(b, r, (size_t)(q - r));
    q++;
    if (*q == '%') {
      luaL_addchar(b, '%');
    } else if (isdigit((unsigned char)*q)) {
      if (*q == '0') {
        luaL_addlstring(b, s, (size_t)(e - s));
      } else {
        push_one(m, *q - '1', s, e);
        luaL_tolstring(L, -1, NULL);
        lua_remove(L, -2);
        luaL_addvalue(b);
      }
    } else {
      luaL_error(L, "invalid use of '%%' in replacement string");
    }
    r = q + 1;
  }
  luaL_addlstring(b, r, (size_t)(end - r));
}

/* Returns whether the match was replaced (false/nil keeps it). */
static int add_replacement(Match *m, luaL_Buffer *b, const char *s, const char *e, int kind) {
  lua_State *L = m->L;
  if (kind == LUA_TFUNCTION) {
    lua_pushvalue(L, 3);
    int n = push_captures(m, s, e);
    charge_rest(m); /* the function runs under the budget itself */
    lua_call(L, n, 1);
  } else if (kind == LUA_TTABLE) {
    push_one(m, 0, s, e);
    lua_gettable(L, 3);
  } else {
    add_template(m, b, s, e);
    return 1;
  }
  if (!lua_toboolean(L, -1)) {
    lua_pop(L, 1);
    luaL_addlstring(b, s, (size_t)(e - s));
    return 0;
  }
  if (!lua_isstring(L, -1))
    return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
  luaL_addvalue(b);
  return 1;
}

static int l_gsub(lua_State *L) {
  size_t ls, lp;
  const char *src = luaL_checklstring(L, 1, &ls);
  const char *p = luaL_checklstring(L, 2, &lp);
  const char *last = NULL;
  int kind = lua_type(L, 3);
  lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
  luaL_argexpected(L, kind == LUA_TNUMBER || kind == LUA_TSTRING || kind == LUA_TFUNCTION ||
                          kind == LUA_TTABLE,
                   3, "string/function/table");
  int anchor = lp && *p == '^';
  if (anchor) {
    p++;
    lp--;
  }
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  Match m;
  prepare(&m, L, src, ls, p, lp);
  lua_Integer n = 0;
  int changed = 0;
  while (n < max) {
    reset(&m);
    const char *e = match(&m, src, p);
    if (e && e != last) {
      n++;
      changed |= add_replacement(&m, &b, src, e, kind);
      src = last = e;
    } else if (src < m.src_end) {
      luaL_addchar(&b, *src++);
    } else {
      break;
    }
    if (anchor) break;
  }
  charge_rest(&m);
  if (!changed) {
    lua_pushvalue(L, 1);
  } else {
    luaL_addlstring(&b, src, (size_t)(m.src_end - src));
    luaL_pushresult(&b);
  }
  lua_pushinteger(L, n);
  return 2;
}

void pattern_install(lua_State *L) {
  static const luaL_Reg fns[] = {
      {"find", l_find}, {"match", l_match}, {"gmatch", l_gmatch}, {"gsub", l_gsub}, {NULL, NULL}};
  luaL_setfuncs(L, fns, 0);
}
