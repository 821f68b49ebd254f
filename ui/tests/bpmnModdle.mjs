// Loads BPMN files with bpmn-moddle, the parser bpmn-js (and the Camunda Modeler) use, and fails
// on any warning: an unknown element or attribute, an unresolved reference, a misplaced child.
// Usage: node tests/bpmnModdle.mjs [--corpus DIR] FILE.bpmn...
// With --corpus, an export named `tools__tool__A.1.0-export.bpmn` is an export of
// DIR/tools/tool/A.1.0-export.bpmn, and a warning the original file already gives is not the
// export's fault (one vendor file names messages it does not define); every other warning fails.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';

const args = process.argv.slice(2);
const corpusAt = args.indexOf('--corpus');
const corpus = corpusAt >= 0 ? args.splice(corpusAt, 2)[1] : null;
const moddle = new BpmnModdle();

async function warningsOf(file) {
  const { warnings } = await moddle.fromXML(await readFile(file, 'utf8'), 'bpmn:Definitions');
  return warnings.map((w) => w.message.split('\n')[0]);
}

let failed = 0;
let inherited = 0;
for (const file of args) {
  try {
    let warnings = await warningsOf(file);
    if (corpus && warnings.length > 0 && basename(file).includes('__')) {
      const original = await warningsOf(join(corpus, ...basename(file).split('__')));
      inherited += warnings.filter((w) => original.includes(w)).length;
      warnings = warnings.filter((w) => !original.includes(w));
    }
    if (warnings.length === 0) continue;
    failed += 1;
    console.log(`WARNINGS ${file}`);
    for (const warning of warnings.slice(0, 5)) console.log(`    ${warning}`);
  } catch (error) {
    failed += 1;
    console.log(`FAILED   ${file}: ${error.message.split('\n')[0]}`);
  }
}
if (inherited > 0) console.log(`(${inherited} warnings the original corpus files already give)`);
console.log(`${args.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 || args.length === 0 ? 1 : 0);
