import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const ENTRY = new URL('../../src/onnxruntime/index.ts', import.meta.url).href;
const TENSOR = new URL('../../src/runtime/tensor.ts', import.meta.url).href;
const MODEL = fileURLToPath(new URL('../../assets/models/ml-agents/3DBall.onnx', import.meta.url));

/** Runs ES module `code` in a fresh Node process (TypeScript imports allowed) and parses the JSON it prints. */
function runNode(code: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { timeout: 15000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as Record<string, unknown>);
    });
  });
}

describe('babylon-collaborator/onnxruntime entry (in Node)', () => {
  it('loads onnxruntime-web only when a model is created, and says so when it is missing', async () => {
    // A resolve hook makes onnxruntime-web unresolvable: importing the entry must still work.
    const hook = `export async function resolve(specifier, context, next) {
      if (specifier.startsWith('onnxruntime-web')) throw Object.assign(new Error('not installed'), { code: 'ERR_MODULE_NOT_FOUND' });
      return next(specifier, context);
    }`;
    const result = await runNode(`
      import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}));
      const entry = await import(${JSON.stringify(ENTRY)});
      const error = await entry.createOnnxRuntimeModel(new Uint8Array(8)).catch((e) => e);
      console.log(JSON.stringify({ exports: Object.keys(entry), name: error.name, message: error.message }));
    `);
    expect(result['exports']).to.deep.equal(['createOnnxRuntimeModel']);
    expect(result['name']).to.equal('ModelLoadError');
    expect(result['message']).to.contain('npm i onnxruntime-web');
  });

  it('finds the wasm files in node_modules/onnxruntime-web/dist without network', async () => {
    const result = await runNode(`
      import fs from 'node:fs';
      const read = [];
      const readFileSync = fs.readFileSync;
      fs.readFileSync = function (path, ...rest) { read.push(String(path)); return readFileSync.call(this, path, ...rest); };
      let fetches = 0;
      globalThis.fetch = async (url) => { fetches++; throw new Error('network used for ' + url); };
      const { createOnnxRuntimeModel } = await import(${JSON.stringify(ENTRY)});
      const { Tensor } = await import(${JSON.stringify(TENSOR)});
      const model = await createOnnxRuntimeModel(new Uint8Array(readFileSync(${JSON.stringify(MODEL)})));
      const out = await model.run({ obs_0: Tensor.zeros('float32', [1, 8]) });
      model.dispose();
      console.log(JSON.stringify({ fetches, wasm: read.filter((p) => p.endsWith('.wasm')), dims: out.deterministic_continuous_actions.dims }));
    `);
    expect(result['fetches']).to.equal(0);
    expect(result['wasm']).to.have.lengthOf(1);
    expect((result['wasm'] as string[])[0]).to.match(/node_modules\/onnxruntime-web\/dist\/ort-wasm[\w.-]*\.wasm$/);
    expect(result['dims']).to.deep.equal([1, 2]);
  });
});
