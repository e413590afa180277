#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "sandbox.h"
#include "template.h"
#include "test.h"
#include <lauxlib.h>
#include <stdlib.h>

static char root[64];

static void put(const char *name, const char *text) {
  Buf p = BUF_INIT;
  buf_printf(&p, "%s/templates/%s", root, name);
  fs_write(p.data, text, strlen(text));
  buf_free(&p);
}

/* Renders `name` with vars {title = title}; returns output or "ERR". */
static const char *render(const char *name, const char *title, size_t mem) {
  static Buf out;
  buf_free(&out);
  Sandbox *sb = sandbox_new(mem, 1000000);
  sandbox_env(sb);
  Templates *t = templates_new(sb, root, NULL, -1);
  lua_pop(sb->L, 1);
  lua_newtable(sb->L);
  lua_pushstring(sb->L, title);
  lua_setfield(sb->L, -2, "title");
  if (template_render(t, name, -1, &out) != 0) {
    buf_free(&out);
    buf_puts(&out, "ERR");
  }
  lua_pop(sb->L, 1);
  templates_free(t);
  sandbox_free(sb);
  return buf_str(&out);
}

void suite_template(void) {
  strcpy(root, "/tmp/varde-tpl-XXXXXX");
  if (!mkdtemp(root)) return;
  size_t mb = 32u << 20;
  put("esc.html", "<p>{{ title }}</p>{! title !}");
  put("base.html", "<html>{% block head %}H{% endblock %}|{% block main %}base{% endblock %}</html>");
  put("child.html", "{% extends \"base.html\" %}\nignored\n{% block main %}[{{ title }}]{% endblock %}");
  put("inc.html", "a{% include(\"part.html\", { x = 'X' }) %}b");
  put("part.html", "<{{ x }}{{ title }}>");
  put("loop.html", "<ul>\n{% for i = 1, 3 do %}\n  <li>{{ i }}</li>\n{% end %}\n</ul>\n");
  put("bad.html", "line 1\nline 2\n{{ nosuch.field }}\n");
  put("syntax.html", "a\n{% if x then %}\nb\n");
  put("forever.html", "{% while true do end %}");
  put("bomb.html", "{% local t = {} for i = 1, 1e8 do t[i] = i .. 'xxxxxxxxxxxxxxxxxx' end %}");
  put("unclosed.html", "a\nb {{ title\n");
  put("table.html", "{{ {} }}");
  put("osx.html", "{% os.execute('touch /tmp/pwned') %}");
  TEST("expressions are escaped, raw output is explicit") {
    CHECK_STR(render("esc.html", "<b>\"x\"</b>", mb), "<p>&lt;b&gt;&quot;x&quot;&lt;/b&gt;</p><b>\"x\"</b>");
  }
  TEST("extends and blocks") {
    CHECK_STR(render("child.html", "T", mb), "<html>H|[T]</html>");
  }
  TEST("include passes variables and sees the caller's") {
    CHECK_STR(render("inc.html", "t", mb), "a<Xt>b");
  }
  TEST("statement lines leave no blank lines") {
    CHECK_STR(render("loop.html", "", mb), "<ul>\n  <li>1</li>\n  <li>2</li>\n  <li>3</li>\n</ul>\n");
  }
  TEST("a runtime error names the template line") {
    CHECK_STR(render("bad.html", "", mb), "ERR");
    CHECK_CONTAINS(diag_captured(), "templates/bad.html:3:1: error:");
  }
  TEST("a syntax error names the template") {
    CHECK_STR(render("syntax.html", "", mb), "ERR");
    CHECK_CONTAINS(diag_captured(), "templates/syntax.html:");
    CHECK_CONTAINS(diag_captured(), "'end' expected");
  }
  TEST("an unclosed tag is reported at its position") {
    CHECK_STR(render("unclosed.html", "", mb), "ERR");
    CHECK_CONTAINS(diag_captured(), "templates/unclosed.html:2:3: error: '{{' is never closed");
  }
  TEST("a runaway loop ends with an error naming the template") {
    CHECK_STR(render("forever.html", "", mb), "ERR");
    CHECK_CONTAINS(diag_captured(), "templates/forever.html:1:1: error: instruction limit");
  }
  TEST("a memory bomb ends with an error") {
    CHECK_STR(render("bomb.html", "", 16u << 20), "ERR");
    CHECK_CONTAINS(diag_captured(), "error:");
  }
  TEST("tables cannot be printed by accident") {
    CHECK_STR(render("table.html", "", mb), "ERR");
    CHECK_CONTAINS(diag_captured(), "cannot output a table");
  }
  TEST("templates cannot reach os") {
    CHECK_STR(render("osx.html", "", mb), "ERR");
    CHECK(!fs_exists("/tmp/pwned"));
  }
  TEST("missing and escaping template names are refused") {
    CHECK_STR(render("nope.html", "", mb), "ERR");
    CHECK_CONTAINS(diag_captured(), "not found");
    CHECK_STR(render("../../etc/passwd", "", mb), "ERR");
    CHECK_CONTAINS(diag_captured(), "invalid template name");
  }
  TEST("compiled Lua keeps the template's line numbers") {
    Buf lua = BUF_INIT;
    const char *src = "a\n{{ x }}\n{% if y then %}\nb\n{% end %}\n{# note\nmore #}\nc";
    CHECK(template_compile(src, strlen(src), "t.html", &lua) == 0);
    int lines = 1;
    for (size_t i = 0; i < lua.len; i++) lines += lua.data[i] == '\n';
    CHECK(lines == 8);
    buf_free(&lua);
  }
  fs_rm_rf(root);
}
