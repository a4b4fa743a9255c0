import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findNonPortableSql, NOT_PORTABLE } from '../../src/lint/sql-portability';

/** One line per construct the check must refuse, and SQL the product does use that it must let through. */
const PLANTED = [
  'INSERT INTO orders (id) VALUES (1) RETURNING id;',
  'CREATE SEQUENCE order_no_seq;',
  'ALTER TABLE orders ADD COLUMN IF NOT EXISTS note varchar(10);',
  'CREATE OR REPLACE TABLE t (id int);',
  'SET STATEMENT max_statement_time=1 FOR SELECT 1;',
  'CREATE TABLE t (id int) WITH SYSTEM VERSIONING;',
  'CREATE TABLE t (id int) ENGINE=Aria;',
  "SELECT JSON_DETAILED('{}');",
  '/*M!100100 SET x=1 */;',
  'SELECT ROWNUM() FROM t;',
  'SELECT * FROM t LIMIT ROWS EXAMINED 10;',
  'SELECT SQL_CALC_FOUND_ROWS * FROM t;',
  'CREATE TABLE t (id UUID NOT NULL);',
];

const PORTABLE = [
  "INSERT INTO members (openid) VALUES ('a') ON DUPLICATE KEY UPDATE unionid = COALESCE(VALUES(unionid), unionid);",
  'UPDATE inventory SET reserved = reserved + 1 WHERE sku_id = 1 AND on_hand - reserved >= 1;',
  'SELECT id FROM orders WHERE member_id = 1 ORDER BY created_at DESC, id DESC LIMIT 20 FOR UPDATE;',
  'CREATE TABLE `t` (`id` bigint unsigned AUTO_INCREMENT NOT NULL, CONSTRAINT `t_id` PRIMARY KEY(`id`));',
  'const returning = flashUnitsToTheGate();',
];

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sql-portability-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('every MariaDB-only construct planted is reported with its line', () => {
  const file = path.join(dir, 'planted.sql');
  fs.writeFileSync(file, PLANTED.join('\n'));
  const findings = findNonPortableSql([file]);
  expect([...new Set(findings.map((f) => f.line))]).toEqual(PLANTED.map((_, i) => i + 1));
  // …and each construct of the list was caught by something planted.
  expect(new Set(findings.map((f) => f.why)).size).toBe(NOT_PORTABLE.length);
});

test('portable SQL the product writes passes', () => {
  const file = path.join(dir, 'portable.ts');
  fs.writeFileSync(file, PORTABLE.join('\n'));
  expect(findNonPortableSql([file])).toEqual([]);
});
