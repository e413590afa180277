/* template.h: HTML templates with embedded Lua.
 *
 *   {{ expr }}   output, HTML-escaped        {! expr !}  output, raw
 *   {% code %}   Lua statements              {# note #}  comment
 *   {% extends "base.html" %}  {% block main %} ... {% endblock %}
 *   {% include "partials/x.html" %}  or  {% include("x.html", {k = v}) %}
 *
 * A template compiles once into a Lua function whose line numbers are the
 * template's own, so errors name the template file and line. Lookup order:
 * the site's templates/, then themes/<theme>/templates/. */
#ifndef VARDE_TEMPLATE_H
#define VARDE_TEMPLATE_H
#include "buf.h"
#include "sandbox.h"

typedef struct Templates Templates;

/* Compiles template text into Lua source (exposed for tests). Returns 0, or
 * -1 after reporting a syntax error against `name`. */
int template_compile(const char *src, size_t len, const char *name, Buf *lua);

/* Installs the template runtime into sb. The environment table at env_index
 * becomes the templates' globals (helpers and data are added by the caller). */
Templates *templates_new(Sandbox *sb, const char *root, const char *theme, int env_index);
void templates_free(Templates *t);
/* Does a template with this name exist (site or theme)? */
int template_exists(const Templates *t, const char *name);
/* The same, before any template is loaded: is there a file `name` in
 * root/templates/ or root/themes/<theme>/templates/? */
int template_file_exists(const char *root, const char *theme, const char *name);
/* Renders `name` with the table at vars_index (or none when 0) as its
 * variables, appending the HTML to out. Returns 0, or -1 after reporting. */
int template_render(Templates *t, const char *name, int vars_index, Buf *out);
/* Registry reference to a function component(name, vars) -> HTML string
 * that renders a template while another render is under way (for the
 * components in page.content); it raises the template's error. */
int template_component_ref(const Templates *t);

#endif
