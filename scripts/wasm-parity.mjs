// Replays every bundled reference replay with sim-core compiled to WebAssembly and checks
// that it reaches the state hash and score the native build recorded in the replay file.
// Usage: node scripts/wasm-parity.mjs <folder with the wasm-bindgen output for Node>
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';

const bindings = resolve(process.argv[2] ?? 'target/wasm-parity');
const sim = createRequire(import.meta.url)(join(bindings, 'wasm_parity.js'));
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const scenarios = join(root, 'scenarios');

let passed = 0;
let failed = 0;
for (const file of readdirSync(scenarios).filter((f) => f.endsWith('.replay.ron')).sort()) {
  const name = join('scenarios', file);
  try {
    const text = readFileSync(join(scenarios, file), 'utf8');
    const sourceFile = join(scenarios, sim.replay_source(name, text));
    const source = readFileSync(sourceFile, 'utf8');
    const line = sim.source_line(sourceFile, source);
    const layout = readFileSync(join(root, 'assets', 'lines', `${line}.ron`), 'utf8');
    const out = JSON.parse(sim.reproduce(name, text, source, layout));
    const sameHash = out.state_hash === out.recorded_hash;
    const sameScore = out.score === out.recorded_score;
    const ok = sameHash && sameScore && out.source_unchanged;
    const score = out.score === null ? '' : ` score ${out.score}`;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${file}: wasm state hash ${out.state_hash}${score}` +
      (ok ? '' : ` (recorded ${out.recorded_hash} score ${out.recorded_score}, source unchanged: ${out.source_unchanged})`));
    ok ? passed++ : failed++;
  } catch (e) {
    console.log(`FAIL ${file}: ${e}`);
    failed++;
  }
}
if (passed + failed < 10) {
  console.log(`only ${passed + failed} replays found`);
  failed++;
}
console.log(`wasm-parity: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
