#!/usr/bin/env python3
"""Runs one job of a .gitlab-ci.yml the way a GitLab runner does, offline.

usage: gitlab_jobs.py CI_FILE JOB WORKSPACE [VAR=VALUE ...]

The VAR=VALUE pairs are GitLab's predefined variables for the pipeline
(CI_PIPELINE_SOURCE, CI_COMMIT_BRANCH, CI_COMMIT_SHA, ...). The job's
`rules:` are evaluated first (the forms `$A == "x"`, `$A == $B`, `$A`,
`&&`, `||`); a job whose rules do not match prints "job JOB: not in this
pipeline" and exits 3. Otherwise its before_script (or the default one) and
script lines run in order in one bash with `set -eo pipefail`, as the runner
runs them, in WORKSPACE, with the pipeline's and the job's `variables:`.
After the script, the job's artifacts are checked: every path exists, and a
codequality report is a JSON array. Prints "job JOB: success|failure" and
exits 0 or 1 (2: a file this script cannot run).
"""
import json
import os
import re
import shlex
import subprocess
import sys

import yaml


def rule_matches(expr, env):
    tokens = re.findall(r'\s*(&&|\|\||==|!=|\(|\)|"[^"]*"|\'[^\']*\'|\$\w+)', expr)
    if ''.join(t.strip() for t in tokens) != re.sub(r'\s', '', expr):
        raise ValueError('unsupported rule: ' + expr)
    py = []
    for t in (t.strip() for t in tokens):
        if t == '&&': py.append(' and ')
        elif t == '||': py.append(' or ')
        elif t in ('==', '!=', '(', ')'): py.append(t)
        elif t.startswith('$'): py.append(repr(env.get(t[1:])))
        else: py.append(repr(t[1:-1]))
    return bool(eval(''.join(py), {'__builtins__': {}}))


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    ci_path, job_name, ws = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    ci = yaml.safe_load(open(ci_path, encoding='utf-8'))
    job = ci[job_name]
    default = ci.get('default') or {}
    env = dict(os.environ)
    env.update({'CI': 'true', 'GITLAB_CI': 'true', 'CI_PROJECT_DIR': ws, 'CI_JOB_NAME': job_name,
                'CI_DEFAULT_BRANCH': 'main', 'CI_SERVER_HOST': 'gitlab.example.no',
                'CI_PROJECT_PATH': 'redaksjonen/kunnskapsbank', 'CI_JOB_STAGE': job.get('stage', 'test')})
    for kv in sys.argv[4:]:
        key, val = kv.split('=', 1)
        env[key] = val
    for scope in (ci.get('variables'), job.get('variables')):
        for k, v in (scope or {}).items():
            env[k] = str(v['value'] if isinstance(v, dict) else v)
    rules = job.get('rules')
    if rules is not None:
        hit = next((r for r in rules if 'if' not in r or rule_matches(r['if'], env)), None)
        if hit is None or hit.get('when') == 'never':
            print('job %s: not in this pipeline' % job_name)
            return 3
    lines = (job.get('before_script') if 'before_script' in job else default.get('before_script')) or []
    lines = list(lines) + list(job.get('script') or [])
    script = ['set -eo pipefail']
    for line in lines:
        script.append("printf '%%s\\n' %s" % shlex.quote('$ ' + line))
        script.append(line)
    print('job %s: image %s' % (job_name, job.get('image') or ci.get('image')), flush=True)
    rc = subprocess.call(['bash', '--noprofile', '--norc', '-c', '\n'.join(script)], cwd=ws, env=env)
    status = 'success' if rc == 0 else 'failure'
    art = job.get('artifacts') or {}
    if rc == 0 or art.get('when') in ('always', 'on_failure'):
        for p in art.get('paths') or []:
            if not os.path.exists(os.path.join(ws, p)):
                print('job %s: artifact path %s is missing' % (job_name, p))
                status = 'failure'
        for kind, p in (art.get('reports') or {}).items():
            f = os.path.join(ws, p)
            try:
                report = json.load(open(f, encoding='utf-8'))
                assert kind != 'codequality' or isinstance(report, list)
                print('job %s: report %s: %d entries' % (job_name, kind, len(report)))
            except (OSError, ValueError, AssertionError) as e:
                print('job %s: report %s (%s) is not valid: %s' % (job_name, kind, p, e))
                status = 'failure'
    print('job %s: %s' % (job_name, status))
    return 0 if status == 'success' else 1


if __name__ == '__main__':
    try:
        sys.exit(main())
    except (ValueError, KeyError) as e:
        print('gitlab_jobs.py: %s' % e, file=sys.stderr)
        sys.exit(2)
