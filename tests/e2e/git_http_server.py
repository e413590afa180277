#!/usr/bin/env python3
"""A smart-HTTP git server for tests: `git http-backend` behind Basic auth.

usage: git_http_server.py PROJECT_ROOT PASSWORD PORT_FILE LOG_FILE

Serves the repositories under PROJECT_ROOT on 127.0.0.1 at a free port,
which it writes to PORT_FILE once listening. Every request needs Basic
authentication with PASSWORD (any non-empty user name, as GitHub accepts a
token); others get 401 with WWW-Authenticate. Each request is logged to
LOG_FILE as "METHOD PATH STATUS AUTH" where AUTH is none, good or bad (never
the credential itself). Stops after 300 seconds, or on SIGTERM.
"""
import base64
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT, PASSWORD, PORT_FILE, LOG_FILE = sys.argv[1:5]
log_lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def note(self, status, auth):
        with log_lock, open(LOG_FILE, 'a') as f:
            f.write('%s %s %d %s\n' % (self.command, self.path.split('?')[0], status, auth))

    def body(self):
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            data = b''
            while True:
                size = int(self.rfile.readline().split(b';')[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                        pass
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get('Content-Length') or 0))

    def user(self):
        h = self.headers.get('Authorization', '')
        if not h.lower().startswith('basic '):
            return None, 'none'
        try:
            user, _, pw = base64.b64decode(h[6:].strip()).decode().partition(':')
        except ValueError:
            return None, 'bad'
        return (user, 'good') if user and pw == PASSWORD else (None, 'bad')

    def handle_git(self):
        body = self.body() if self.command == 'POST' else b''
        user, auth = self.user()
        if not user:
            self.send_response(401)
            self.send_header('WWW-Authenticate', 'Basic realm="git"')
            self.send_header('Content-Length', '0')
            self.end_headers()
            self.note(401, auth)
            return
        path, _, query = self.path.partition('?')
        env = {'PATH': os.environ['PATH'], 'GIT_PROJECT_ROOT': ROOT, 'GIT_HTTP_EXPORT_ALL': '1',
               'REQUEST_METHOD': self.command, 'PATH_INFO': path, 'QUERY_STRING': query,
               'CONTENT_TYPE': self.headers.get('Content-Type', ''),
               'CONTENT_LENGTH': str(len(body)), 'REMOTE_USER': user, 'REMOTE_ADDR': '127.0.0.1',
               'GIT_PROTOCOL': self.headers.get('Git-Protocol', ''),
               'HTTP_CONTENT_ENCODING': self.headers.get('Content-Encoding', '')}
        out = subprocess.run(['git', 'http-backend'], input=body, env=env, capture_output=True).stdout
        head, _, payload = out.partition(b'\r\n\r\n')
        if not _:
            head, _, payload = out.partition(b'\n\n')
        status, headers = 200, []
        for line in head.decode('latin-1').splitlines():
            k, _, v = line.partition(':')
            if k.lower() == 'status':
                status = int(v.strip().split()[0])
            elif k:
                headers.append((k, v.strip()))
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header('Content-Length', str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        self.note(status, auth)

    do_GET = do_POST = handle_git


server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
threading.Timer(300, server.shutdown).start()
with open(PORT_FILE + '.tmp', 'w') as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + '.tmp', PORT_FILE)
try:
    server.serve_forever()
finally:
    os._exit(0)
