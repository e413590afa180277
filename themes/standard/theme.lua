-- theme.lua: the standard theme's helper functions. varde runs this file
-- once per build in the template sandbox, with the templates' globals as its
-- environment: every function defined here can be called from any template.
-- A site adds or replaces helpers in its own templates/theme.lua (run after
-- this one). Helpers read the site's words from `strings` and its content
-- model from site.lua (`fields_of`, `type_info`, `site.types`), never from
-- names written here.

-- The value of the field that plays `role` (site.lua's roles) on page p.
function rolle(p, role)
  local t = p and p.type and type_info(p.type)
  local f = t and t.roles[role]
  if f then return p[f] end
  return nil
end

-- The number(s) of a page as text: "3.14 / 4.4" for a tiltak, "6" for a strategy.
function nummer_av(p)
  local n = rolle(p, "number")
  if type(n) == "table" then
    if #n == 0 then return nil end
    return table.concat(n, " / ")
  end
  if n ~= nil then return tostring(n) end
  return nil
end

-- The title with the number in front: "6 Bidra til bedre ledelse …".
function navn_med_nummer(p)
  local n = nummer_av(p)
  if n then return n .. " " .. p.title end
  return p.title
end

-- The date (YYYY-MM-DD) a page was last changed, when the engine knows it.
function oppdatert(p)
  local g = p and p.git
  local d = type(g) == "table" and type(g.updated) == "string" and g.updated:sub(1, 10)
  if d and d:match("^%d%d%d%d%-%d%d%-%d%d$") then return d end
  return nil
end

-- A field's declaration in site.lua, with the keys only templates read
-- (as_of, according_to, followed_up_by, period_from, period), or nil.
local oppsett = {}
function felt_oppsett(typename, name)
  local key = typename .. "\0" .. name
  local hit = oppsett[key]
  if hit ~= nil then return hit or nil end
  local found = false
  for _, t in ipairs(site.types or {}) do
    if t.name == typename then
      for _, f in ipairs(t.fields or {}) do if f.name == name then found = f end end
    end
  end
  if not found then
    for _, f in ipairs(site.common_fields or {}) do if f.name == name then found = f end end
  end
  oppsett[key] = found
  return found or nil
end

-- The declaration of the type's field whose value holds as of a time (as_of).
function statusfelt(typename)
  for _, f in ipairs(fields_of(typename)) do
    local d = felt_oppsett(typename, f.name)
    if d and d.as_of then return d end
  end
  return nil
end

-- "per 2016, ifølge IS-2684": when and from which source p's value of the
-- field declared d holds; nil when the page does not say.
function gjelder_per(p, d)
  local deler = {}
  local per = d.as_of and p[d.as_of]
  local kilde = d.according_to and p[d.according_to]
  if per then deler[#deler + 1] = tr("as_of", { when = tostring(per) }) end
  if kilde then deler[#deler + 1] = tr("according_to", { source = tostring(kilde) }) end
  if #deler == 0 then return nil end
  return table.concat(deler, ", ")
end

-- The later pages that follow p up and have the same field (followed_up_by).
function oppfolging(p, d)
  local out = {}
  local refs = d.followed_up_by and p[d.followed_up_by]
  if type(refs) ~= "table" then return out end
  if refs.url then refs = { refs } end
  for _, q in ipairs(refs) do
    if type(q) == "table" and q[d.name] ~= nil then out[#out + 1] = q end
  end
  return out
end

-- The last year of a period ("2016–2020" -> 2020, "2014–2017 (pilot)" -> 2017);
-- nil for an open one ("Fra 2014").
function periode_slutt(s)
  if type(s) ~= "string" or s:lower():match("^%s*" .. tr("period_open_word") .. " ") then return nil end
  local last
  for y in s:gmatch("%d%d%d%d") do last = tonumber(y) end
  return last
end

-- Whether a period ended before the year of the version built (site.git.date),
-- so the site never calls a plan current that ran out.
function periode_over(s)
  local slutt = periode_slutt(s)
  local g = site.git
  local naa = g and tonumber(tostring(g.date or ""):sub(1, 4))
  return slutt ~= nil and naa ~= nil and slutt < naa
end

-- The period of the page a status depends on (d.period_from, e.g. the plan):
-- the period text and that page, or nil.
function planperiode(p, d)
  local ref = d.period_from and p[d.period_from]
  if type(ref) ~= "table" or not ref.type then return nil end
  for _, f in ipairs(fields_of(ref.type)) do
    local fd = felt_oppsett(ref.type, f.name)
    if fd and fd.period and type(ref[f.name]) == "string" then return ref[f.name], ref end
  end
  return nil
end

-- One line for lists: "Status: Pågår per 2016, ifølge IS-2684. Senere: …",
-- or nil when the page's type has no status that holds as of a time.
function status_kort(p)
  local d = statusfelt(p.type)
  if not d or p[d.name] == nil then return nil end
  local per = gjelder_per(p, d)
  local s = tr("status") .. ": " .. stor_forbokstav(p[d.name]) .. (per and (" " .. per) or "")
  local sett = {}
  for _, q in ipairs(oppfolging(p, d)) do
    local qper = gjelder_per(q, d)
    local senere = ". " .. tr("later") .. ": " .. stor_forbokstav(q[d.name]) .. (qper and (" " .. qper) or "")
    if not sett[senere] then sett[senere] = true; s = s .. senere end
  end
  return s
end

-- The first letter in capitals, also for æ, ø and å ("pågår" -> "Pågår").
local store = { ["æ"] = "Æ", ["ø"] = "Ø", ["å"] = "Å" }
function stor_forbokstav(s)
  s = tostring(s)
  local b = s:byte(1)
  if b and b < 128 then return s:sub(1, 1):upper() .. s:sub(2) end
  local first = s:match("^[%z\1-\127\194-\244][\128-\191]*") or ""
  return (store[first] or first:upper()) .. s:sub(#first + 1)
end

-- A field's label for n values: site.lua's `label` (one) or `plural` (more
-- than one); fields_of() fills both in.
function etikett(f, antall)
  if antall and antall > 1 then return f.plural or f.label or f.name end
  return f.label or f.name
end

-- The type's info, or nil when site.lua has no such type.
function finn_type(name)
  for _, t in ipairs(types()) do
    if t.name == name then return t end
  end
  return nil
end

-- The page at a URL ("/om-kunnskapsbanken/"), or nil.
function side_ved(u)
  return page_at(url(u))
end

-- The path of the page being rendered (pass the engine's current_url), or
-- nil for the 404 page, which is served at any address.
function denne_url(current_url)
  if current_url == nil or current_url:sub(-8) == "404.html" then return nil end
  return current_url
end

-- The template-only page at url, when site.lua declares one (e.g. "/a-a/").
function ekstra_side(u)
  for _, x in ipairs(site.pages or {}) do
    if x.url == u then return x end
  end
  return nil
end

-- The string table's text for key, with {name} replaced by vars.name:
-- tr("list_count", { n = 3 }). A missing key shows as the key itself, so a
-- translation that lacks one is seen, not silently empty.
function tr(key, vars)
  local s = strings[key]
  if s == nil then return key end
  if vars then
    s = s:gsub("{([%w_]+)}", function(k)
      local v = vars[k]
      if v == nil then return "{" .. k .. "}" end
      return tostring(v)
    end)
  end
  return s
end

-- The name site.lua's `languages` gives a language code ("Norsk (nynorsk)"
-- for nn), for the field that holds a page's language; the code itself when
-- the site does not list it.
function spraaknavn(code)
  for _, l in ipairs(site.languages or {}) do
    if l.code == code then return l.name or code end
  end
  return code
end

-- key_one or key_other by n (n is passed on as {n}).
function trn(key, n, vars)
  vars = vars or {}
  vars.n = vars.n or n
  return tr(key .. (n == 1 and "_one" or "_other"), vars)
end

-- A type's declaration in site.lua (its raw table), or nil: for keys only
-- templates read, such as description (the list's lead) and about (the
-- title of a page's fact box). On a page in another language, the texts
-- that language's labels.types[name] gives win (site.labels is that
-- language's: `site` answers with its entry in `languages`).
function type_decl(name)
  for _, d in ipairs(site.types or {}) do
    if d.name == name then
      local own = site.labels and site.labels.types and site.labels.types[name]
      if not own then return d end
      return setmetatable({}, { __index = function(_, k)
        local v = own[k]
        if v == nil then v = d[k] end
        return v
      end })
    end
  end
  return nil
end

-- JSON text of a Lua value, for schema.org JSON-LD in <script> elements:
-- tables with items are arrays, others objects with their keys sorted (the
-- same bytes on every build); < > & are written \u003c \u003e \u0026, so no
-- value can end the script element or change how HTML parses it.
local json_escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }
function json(v)
  local t = type(v)
  if t == "string" then
    local s = v:gsub('[%c"\\<>&]', function(c) return json_escapes[c] or string.format("\\u%04x", c:byte()) end)
    return '"' .. s .. '"'
  elseif t == "number" then
    return (math.type(v) == "integer") and tostring(v) or string.format("%.14g", v)
  elseif t == "boolean" then
    return tostring(v)
  elseif t == "table" then
    local out = {}
    if #v > 0 then
      for _, x in ipairs(v) do out[#out + 1] = json(x) end
      return "[" .. table.concat(out, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do if type(k) == "string" then keys[#keys + 1] = k end end
    table.sort(keys)
    for _, k in ipairs(keys) do out[#out + 1] = json(k) .. ":" .. json(v[k]) end
    return "{" .. table.concat(out, ",") .. "}"
  end
  return "null"
end

-- The page's own description for sharing: its summary, or the site's.
function beskrivelse(p)
  return (p and p.summary) or site.description
end
