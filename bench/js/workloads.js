#!/usr/bin/env node
// Copyright (c) 2026 The Losant Experience Users C++ SDK authors. MIT licence.
//
// The benchmark workloads run through Losant's official JavaScript SDK (npm `losant-rest`),
// with the same flags and the same one-line result as losant-bench-sdk and losant-bench-raw:
//
//   node bench/js/workloads.js --workload get-page --url http://127.0.0.1:PORT
//   RESULT impl=js workload=get-page seconds=... peak_rss_kib=... count=... errors=...
//
// The SDK is loaded from bench/.js-sdk/node_modules (scripts/bench.sh installs it there with
// `npm install --prefix bench/.js-sdk losant-rest@2.8.1`), or from $LOSANT_REST_MODULE.
// Node >= 19 keeps HTTP connections alive by default (http.globalAgent), which losant-rest's
// axios uses, so connections are reused as in the C++ programs.
'use strict';

const fs = require('fs');
const { once } = require('events');
const path = require('path');

const modulePath =
  process.env.LOSANT_REST_MODULE ||
  path.join(__dirname, '..', '.js-sdk', 'node_modules', 'losant-rest');
const api = require(modulePath);

const WORKLOADS = [
  'fetch-all-keep', 'fetch-all-stream', 'get-page', 'create-seq', 'create-16', 'export',
];

function parseArgs(argv) {
  const a = {
    workload: '',
    url: '',
    token: 'emulator-token',
    app: '5f0c1a2b3c4d5e6f7a8b9c0d',
    users: 100000,
    perPage: 1000,
    requests: 0,
    threads: 16,
    runId: 'r0',
    out: '',
  };
  const names = {
    '--workload': 'workload', '--url': 'url', '--token': 'token', '--app': 'app',
    '--users': 'users', '--per-page': 'perPage', '--requests': 'requests',
    '--threads': 'threads', '--run-id': 'runId', '--out': 'out',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]];
    if (!key || i + 1 >= argv.length) usage();
    a[key] = typeof a[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!WORKLOADS.includes(a.workload) || !a.url || (a.workload === 'export' && !a.out)) usage();
  if (a.requests <= 0) a.requests = a.workload === 'get-page' ? 1000 : 2000;
  return a;
}

function usage() {
  process.stderr.write('usage: workloads.js --workload W --url URL [--token T] [--app ID] ' +
    '[--users N] [--per-page N] [--requests N] [--threads N] [--run-id ID] [--out FILE]\n');
  process.exit(2);
}

let shownErrors = 0;
function reportError(err) {
  if (shownErrors++ < 5) {
    process.stderr.write(`js: ${err && err.statusCode ? 'HTTP ' + err.statusCode + ': ' : ''}` +
      `${err && err.message}\n`);
  }
}

// The create body, with the same members in the same order as the C++ programs send.
function createBody(a, i) {
  return {
    email: `bench-${a.runId}-${i}@example.com`,
    password: 'bench-password-123',
    firstName: 'Bench',
    lastName: `User ${i}`,
  };
}

function printResult(a, startNs, count, errors) {
  const seconds = Number(process.hrtime.bigint() - startNs) / 1e9;
  // resourceUsage().maxRSS is getrusage(RUSAGE_SELF).ru_maxrss, in KiB, as in the C++ programs.
  const rss = process.resourceUsage().maxRSS;
  process.stdout.write(`RESULT impl=js workload=${a.workload} seconds=${seconds.toFixed(6)} ` +
    `peak_rss_kib=${rss} count=${count} errors=${errors}\n`);
}

// Every page; with `keep`, every user kept in one array to the end.
// The page loop a JS user writes: page after page until a short page or totalCount, calling
// `onPage(items)` (awaited) for each. Returns the number of errors (0 or 1: the first ends it).
async function forEachPage(client, a, onPage) {
  for (let page = 0; ; ++page) {
    let result;
    try {
      result = await client.experienceUsers.get({ applicationId: a.app, perPage: a.perPage, page });
    } catch (err) {
      reportError(err);
      return 1;
    }
    const items = result.items;
    await onPage(items);
    if (items.length < a.perPage) return 0;
    if (typeof result.totalCount === 'number' && (page + 1) * a.perPage >= result.totalCount) return 0;
  }
}

async function fetchAll(client, a, keep) {
  const users = [];
  let count = 0;
  const start = process.hrtime.bigint();
  const errors = await forEachPage(client, a, (items) => {
    count += items.length;
    if (keep) for (const item of items) users.push(item);
  });
  printResult(a, start, keep ? users.length : count, errors);
  return errors === 0 && (keep ? users.length : count) === a.users;
}

// What a JS user writes to export every user as JSON Lines: the same page loop, each user
// written as `JSON.stringify(user) + "\n"` to a file through a write stream, waiting for the
// stream to drain after a page when it asks to (so memory stays near one page).
async function exportJsonl(client, a) {
  let count = 0;
  const start = process.hrtime.bigint();
  const out = fs.createWriteStream(a.out);
  let errors = await forEachPage(client, a, async (items) => {
    for (const user of items) out.write(JSON.stringify(user) + '\n');
    count += items.length;
    if (out.writableNeedDrain) await once(out, 'drain');
  });
  out.end();
  try {
    await once(out, 'finish');
  } catch (err) {
    reportError(err);
    ++errors;
  }
  printResult(a, start, count, errors);
  return errors === 0 && count === a.users;
}

async function getPage(client, a) {
  let ok = 0;
  let errors = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < a.requests; ++i) {
    try {
      const result = await client.experienceUsers.get({
        applicationId: a.app, perPage: a.perPage, page: 0,
      });
      if (result.items.length === a.perPage) ++ok; else ++errors;
    } catch (err) {
      reportError(err);
      ++errors;
    }
  }
  printResult(a, start, ok, errors);
  return errors === 0;
}

// `requests` creates with `inFlight` promises in flight at once (1 = sequential).
async function create(client, a, inFlight) {
  const bodies = [];
  for (let i = 0; i < a.requests; ++i) bodies.push(createBody(a, i));
  let next = 0;
  let ok = 0;
  let errors = 0;
  const worker = async () => {
    for (let i = next++; i < a.requests; i = next++) {
      try {
        await client.experienceUsers.post({ applicationId: a.app, experienceUser: bodies[i] });
        ++ok;
      } catch (err) {
        reportError(err);
        ++errors;
      }
    }
  };
  const start = process.hrtime.bigint();
  const pool = [];
  for (let t = 0; t < inFlight; ++t) pool.push(worker());
  await Promise.all(pool);
  printResult(a, start, ok, errors);
  return errors === 0;
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  // acceptVersion as the C++ SDK sends it (losant-rest 2.8.1 defaults to ^1.20.1).
  const client = api.createClient({ accessToken: a.token, url: a.url, acceptVersion: '^1.30.0' });
  let ok;
  switch (a.workload) {
    case 'fetch-all-keep': ok = await fetchAll(client, a, true); break;
    case 'fetch-all-stream': ok = await fetchAll(client, a, false); break;
    case 'get-page': ok = await getPage(client, a); break;
    case 'create-seq': ok = await create(client, a, 1); break;
    case 'export': ok = await exportJsonl(client, a); break;
    default: ok = await create(client, a, a.threads); break;
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((err) => {
  process.stderr.write(`js: ${err && err.stack}\n`);
  process.exitCode = 1;
});
