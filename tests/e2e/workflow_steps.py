#!/usr/bin/env python3
"""Runs one job of a GitHub Actions workflow the way a runner does, offline.

usage: workflow_steps.py WORKFLOW JOB WORKSPACE [KEY=VALUE ...]

The KEY=VALUE pairs are the `github` context (event_name, sha, ref,
repository, event.pull_request.number, ...). Every `run:` step is executed
in order with bash --noprofile --norc -eo pipefail (GitHub's default shell
on Linux), in WORKSPACE, with the environment variables the runner sets
(CI, GITHUB_ACTIONS, GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH,
GITHUB_STEP_SUMMARY, GITHUB_EVENT_NAME, GITHUB_SHA, GITHUB_REF, RUNNER_TEMP,
...), the workflow's, job's and step's `env:`, and what earlier steps wrote
to GITHUB_ENV and GITHUB_PATH. `if:` conditions of the forms the project's
workflows use are evaluated (success(), failure(), always(),
steps.ID.outcome == '...', &&, ||, !). `uses:` steps cannot run offline: the
checkout is made by the caller (exactly as actions/checkout does it) and is
only verified here; the upload actions are simulated by checking and packing
what they would upload (RUNNER_TEMP/artifacts/NAME.tar); deploy-pages, which
needs GitHub, is reported as "not run (needs GitHub)".

Prints one line per step ("step N: NAME: success|failure|skipped|...") and
exits 0 when the job succeeded, 1 when it failed, 2 on a workflow this
script cannot run (an unknown action, an unsupported expression).
"""
import os
import re
import subprocess
import sys

import yaml


class Unsupported(Exception):
    pass


def lookup(ctx, path):
    cur = ctx
    for part in path.split('.'):
        if not isinstance(cur, dict) or part not in cur:
            raise Unsupported('unknown expression: ' + path)
        cur = cur[part]
    return cur


def expand(text, ctx):
    """Replaces ${{ a.b.c }} with its value from ctx."""
    def sub(m):
        v = lookup(ctx, m.group(1).strip())
        return '' if v is None else str(v)
    return re.sub(r'\$\{\{(.*?)\}\}', sub, str(text))


def condition(expr, ctx, job_failed):
    """Evaluates the `if:` forms used by the workflows."""
    if expr is None:
        return not job_failed
    e = str(expr).strip()
    if e.startswith('${{') and e.endswith('}}'):
        e = e[3:-2].strip()
    if not re.search(r'\b(success|failure|always|cancelled)\(\)', e):
        e = 'success() && (' + e + ')'
    tokens = re.findall(r"\s*(\(\)|&&|\|\||==|!=|!|\(|\)|'[^']*'|[A-Za-z_][\w.-]*\(\)|[A-Za-z_][\w.-]*)", e)
    if ''.join(t.strip() for t in tokens) != re.sub(r'\s', '', e):
        raise Unsupported('unsupported condition: ' + e)
    py = []
    for t in (t.strip() for t in tokens):
        if t == '&&': py.append(' and ')
        elif t == '||': py.append(' or ')
        elif t == '!': py.append(' not ')
        elif t in ('==', '!=', '(', ')'): py.append(t)
        elif t.startswith("'"): py.append(repr(t[1:-1]))
        elif t == 'success()': py.append(repr(not job_failed))
        elif t == 'failure()': py.append(repr(job_failed))
        elif t == 'always()': py.append('True')
        elif t == 'cancelled()': py.append('False')
        else: py.append(repr(lookup(ctx, t)))
    return bool(eval(''.join(py), {'__builtins__': {}}))


def read_kv_file(path):
    """KEY=VALUE and KEY<<DELIM ... DELIM lines (GITHUB_OUTPUT, GITHUB_ENV)."""
    out = {}
    if not os.path.exists(path):
        return out
    lines = open(path, encoding='utf-8').read().split('\n')
    i = 0
    while i < len(lines):
        line = lines[i]
        if '<<' in line and ('=' not in line or line.index('<<') < line.index('=')):
            key, delim = line.split('<<', 1)
            val = []
            i += 1
            while i < len(lines) and lines[i] != delim:
                val.append(lines[i])
                i += 1
            out[key] = '\n'.join(val)
        elif '=' in line:
            key, val = line.split('=', 1)
            out[key] = val
        i += 1
    return out


def pack(src, name, env):
    """What the upload actions do: a tar of the folder (no .git, .github)."""
    if not os.path.isdir(src) or not os.listdir(src):
        return 'failure', 'nothing to upload at ' + src
    dest = os.path.join(env['RUNNER_TEMP'], 'artifacts')
    os.makedirs(dest, exist_ok=True)
    tar = os.path.join(dest, name + '.tar')
    rc = subprocess.call(['tar', '--dereference', '--hard-dereference', '--directory', src,
                          '-cf', tar, '--exclude=.git', '--exclude=.github', '.'])
    return ('success', 'packed ' + tar) if rc == 0 else ('failure', 'tar failed')


def run_uses(step, ws, env, ctx):
    action = step['uses'].split('@')[0]
    args = {k: expand(v, ctx) for k, v in (step.get('with') or {}).items()}
    if action == 'actions/checkout':
        ok = subprocess.call(['git', '-C', ws, 'rev-parse', '--verify', '-q', 'HEAD'],
                             stdout=subprocess.DEVNULL) == 0
        return ('success', 'checkout made by the test') if ok else ('failure', 'no checkout in ' + ws)
    if action == 'actions/upload-pages-artifact':
        src = os.path.join(ws, args.get('path', '_site'))
        if not os.path.isfile(os.path.join(src, 'index.html')):
            return 'failure', 'no index.html in ' + src
        return pack(src, args.get('name', 'github-pages'), env)
    if action == 'actions/upload-artifact':
        return pack(os.path.join(ws, args.get('path', '')), args.get('name', 'artifact'), env)
    if action in ('actions/deploy-pages', 'actions/configure-pages'):
        return 'not run (needs GitHub)', ''
    raise Unsupported('cannot simulate ' + step['uses'])


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    wf_path, job_id, ws = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    github = {'workspace': ws}
    for kv in sys.argv[4:]:
        key, val = kv.split('=', 1)
        cur = github
        parts = key.split('.')
        for p in parts[:-1]:
            cur = cur.setdefault(p, {})
        cur[parts[-1]] = val
    wf = yaml.safe_load(open(wf_path, encoding='utf-8'))
    job = wf['jobs'][job_id]
    temp = os.environ.get('RUNNER_TEMP') or os.path.join(os.path.dirname(ws), 'runner-temp')
    os.makedirs(temp, exist_ok=True)
    files = {k: os.path.join(temp, f) for k, f in
             (('GITHUB_OUTPUT', 'output'), ('GITHUB_ENV', 'env'), ('GITHUB_PATH', 'path'),
              ('GITHUB_STEP_SUMMARY', 'summary.md'), ('GITHUB_STATE', 'state'))}
    base = dict(os.environ)
    base.update({
        'CI': 'true', 'GITHUB_ACTIONS': 'true', 'GITHUB_WORKSPACE': ws,
        'GITHUB_EVENT_NAME': github.get('event_name', 'push'),
        'GITHUB_SHA': github.get('sha', ''), 'GITHUB_REF': github.get('ref', ''),
        'GITHUB_REF_NAME': github.get('ref_name', ''),
        'GITHUB_REPOSITORY': github.get('repository', 'eier/kunnskapsbank'),
        'GITHUB_SERVER_URL': 'https://github.com', 'GITHUB_RUN_ID': '1',
        'GITHUB_RUN_NUMBER': '1', 'GITHUB_JOB': job_id, 'GITHUB_ACTOR': 'redaktor',
        'GITHUB_WORKFLOW': str(wf.get('name', '')), 'RUNNER_OS': 'Linux',
        'RUNNER_ARCH': 'X64', 'RUNNER_TEMP': temp,
    })
    base.update(files)
    for f in files.values():
        open(f, 'w').close()
    ctx = {'github': github, 'steps': {}, 'env': {}, 'runner': {'os': 'Linux', 'temp': temp}}
    job_failed = False
    for n, step in enumerate(job.get('steps', []), 1):
        name = step.get('name') or step.get('uses') or step.get('run', '').split('\n')[0]
        env = dict(base)
        for scope in (wf.get('env'), job.get('env'), step.get('env')):
            env.update({k: expand(v, ctx) for k, v in (scope or {}).items()})
        env.update(read_kv_file(files['GITHUB_ENV']))
        extra = [p for p in open(files['GITHUB_PATH'], encoding='utf-8').read().split('\n') if p]
        if extra:
            env['PATH'] = ':'.join(reversed(extra)) + ':' + env['PATH']
        ctx['env'] = env
        if not condition(step.get('if'), ctx, job_failed):
            outcome, note = 'skipped', ''
        elif 'uses' in step:
            outcome, note = run_uses(step, ws, env, ctx)
        else:
            open(files['GITHUB_OUTPUT'], 'w').close()
            script = os.path.join(temp, 'step-%d.sh' % n)
            with open(script, 'w', encoding='utf-8') as f:
                f.write(expand(step['run'], ctx))
            cwd = os.path.join(ws, step.get('working-directory', job.get('defaults', {}).get('run', {}).get('working-directory', '.')))
            print('::group::step %d: %s' % (n, name), flush=True)
            rc = subprocess.call(['bash', '--noprofile', '--norc', '-eo', 'pipefail', script],
                                 cwd=cwd, env=env)
            print('::endgroup::', flush=True)
            outcome, note = ('success', '') if rc == 0 else ('failure', 'exit %d' % rc)
            if step.get('continue-on-error') and outcome == 'failure':
                outcome = 'success'
        if 'id' in step:
            ctx['steps'][step['id']] = {
                'outcome': outcome if outcome in ('success', 'failure', 'skipped') else 'success',
                'conclusion': outcome, 'outputs': read_kv_file(files['GITHUB_OUTPUT'])}
        if outcome == 'failure':
            job_failed = True
        print('step %d: %s: %s%s' % (n, name, outcome, (' (' + note + ')') if note else ''), flush=True)
    print('job %s: %s' % (job_id, 'failure' if job_failed else 'success'))
    return 1 if job_failed else 0


if __name__ == '__main__':
    try:
        sys.exit(main())
    except Unsupported as e:
        print('workflow_steps.py: ' + str(e), file=sys.stderr)
        sys.exit(2)
