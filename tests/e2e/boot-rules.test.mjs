// The rules boot.js must keep before the wasm starts, run on the same cases
// as their Rust originals: 国家哀悼日 (SiteConfig::mourning_at, whose core
// test reads the same fixture).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

/** A top-level `function NAME(…) { … }` of boot.js, as a callable. */
function bootFunction(name) {
  const source = readFileSync(join(ROOT, 'public', 'boot.js'), 'utf8');
  const match = source.match(new RegExp(`^function ${name}\\(([^)]*)\\) \\{\\n([\\s\\S]*?)\\n\\}$`, 'm'));
  assert.ok(match, `boot.js has no function ${name}`);
  return new Function(...match[1].split(', '), match[2]);
}

test('boot.js greys the same days as SiteConfig::mourning_at', () => {
  const mourningOn = bootFunction('mourningOn');
  const { cases } = JSON.parse(readFileSync(join(ROOT, 'tests', 'e2e', 'fixtures', 'mourning-days.json'), 'utf8'));
  for (const { days, timezone, at, mourning } of cases) {
    const [, sign, hours, minutes] = timezone.match(/^([+-])(\d\d):(\d\d)$/);
    const offset = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
    assert.equal(mourningOn(days, offset, Date.parse(at)), mourning, `${days} ${timezone} ${at}`);
  }
});
