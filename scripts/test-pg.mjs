#!/usr/bin/env node
// Runs the database-backed suite (test/) on PostgreSQL: PMO_TEST_DATABASE_URL (default: the local server, trust
// auth). Pure domain tests do not touch the database and run once, in npm test.
// Each run makes its own template database and each test file its own copy, dropped afterwards.
import { spawnSync } from 'node:child_process';

const url = process.env.PMO_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const r = spawnSync('npx', ['vitest', 'run', ...(process.argv.length > 2 ? process.argv.slice(2) : ['test/'])], { stdio: 'inherit', env: { ...process.env, PMO_TEST_DATABASE_URL: url } });
process.exit(r.status ?? 1);
