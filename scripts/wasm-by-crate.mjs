// Sums a wasm file's function sizes by the crate their (demangled) names
// come from, using `twiggy top --format json`. Reads the names section, so
// give it a wasm built with names kept (see scripts/bundle-size.sh).
//   node scripts/wasm-by-crate.mjs target/wasm32-unknown-unknown/release/portal.wasm
import { execFileSync } from 'node:child_process';

const file = process.argv[2];
const rows = JSON.parse(execFileSync('twiggy', ['top', '--format', 'json', '-n', '1000000', file], { maxBuffer: 1 << 30 }));
const totals = new Map();
let code = 0;
for (const { name, shallow_size: size } of rows) {
  if (name.includes('custom section') || name.includes('subsection')) continue;
  // `<a::B as c::D>::f` belongs to `a`; generic instantiations to the outer crate.
  const match = name.replace(/^<+/, '').replace(/^(impl |dyn |&mut |&)/, '').match(/^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
  const crate = name.startsWith('data segment') ? '(data: strings, tables)' : match ? match[1] : '(other)';
  totals.set(crate, (totals.get(crate) ?? 0) + size);
  code += size;
}
const sorted = [...totals].sort((a, b) => b[1] - a[1]);
console.log(`| crate | bytes after wasm-opt -Oz | share |\n| --- | ---: | ---: |`);
for (const [crate, size] of sorted.slice(0, 25)) console.log(`| ${crate} | ${size} | ${((100 * size) / code).toFixed(1)}% |`);
