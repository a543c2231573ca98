import { expect } from 'chai';
import { ModelLoadError } from '../../../src/runtime/errors.js';
import { buildModel, tensorProto, valueInfoProto } from '../../../src/runtime/onnx/build.js';
import { decodeModel } from '../../../src/runtime/onnx/decode-model.js';
import { encodeModel, OnnxDataType as T } from '../../../src/runtime/onnx/schema.js';
import { Tensor } from '../../../src/runtime/tensor.js';

/** A model whose only node is an Identity of initializer `c` (given as a TensorProto object). */
function withInitializer(tensor: Record<string, unknown>, opset = 13): Uint8Array {
  return encodeModel({
    ir_version: 7,
    opset_import: [{ domain: '', version: opset }],
    graph: {
      node: [{ op_type: 'Identity', input: ['c'], output: ['y'] }],
      initializer: [{ name: 'c', ...tensor }],
      output: [valueInfoProto({ name: 'y', dtype: 'float32', dims: [] })],
    },
  });
}

const constant = (bytes: Uint8Array): Tensor => decodeModel(bytes).graph.constants.get('c')!;

describe('decodeModel()', () => {
  describe('initialisers', () => {
    it('reads raw_data little-endian, at any alignment', () => {
      const t = tensorProto('c', new Tensor('float32', [1.5, -2, 3.25], [3]));
      const c = constant(withInitializer({ ...t, doc_string: 'x' }));
      expect([...c.data]).to.deep.equal([1.5, -2, 3.25]);
      expect(c.dims).to.deep.equal([3]);
    });
    it('reads the typed fields of each element type', () => {
      expect([...constant(withInitializer({ dims: [2], data_type: T.FLOAT, float_data: [1, 2] })).data]).to.deep.equal([1, 2]);
      expect([...constant(withInitializer({ dims: [2], data_type: T.INT64, int64_data: ['-3', '9007199254740993'] })).data]).to.deep.equal([-3n, 9007199254740993n]);
      expect([...constant(withInitializer({ dims: [3], data_type: T.BOOL, int32_data: [1, 0, 1] })).data]).to.deep.equal([1, 0, 1]);
      expect(constant(withInitializer({ dims: [2], data_type: T.INT8, int32_data: [-5, 7] })).dtype).to.equal('int32');
      expect([...constant(withInitializer({ dims: [2], data_type: T.DOUBLE, double_data: [0.5, 4] })).data]).to.deep.equal([0.5, 4]);
    });
    it('converts raw FLOAT16, UINT8 and INT64 data', () => {
      expect([...constant(withInitializer({ dims: [2], data_type: T.FLOAT16, raw_data: Uint8Array.of(0x00, 0x3c, 0x00, 0xc0) })).data]).to.deep.equal([1, -2]);
      expect([...constant(withInitializer({ dims: [2], data_type: T.UINT8, raw_data: Uint8Array.of(200, 3) })).data]).to.deep.equal([200, 3]);
      expect([...constant(withInitializer({ dims: [1], data_type: T.INT64, raw_data: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff) })).data]).to.deep.equal([-1n]);
    });
    it('rejects external data, naming the tensor and file', () => {
      const bytes = withInitializer({ dims: [1], data_type: T.FLOAT, data_location: 1, external_data: [{ key: 'location', value: 'weights.bin' }] });
      expect(() => decodeModel(bytes)).to.throw(ModelLoadError, /initializer 'c'.*external file \('weights.bin'\)/);
    });
    it('rejects data that does not match the dims', () => {
      expect(() => decodeModel(withInitializer({ dims: [3], data_type: T.FLOAT, raw_data: new Uint8Array(8) }))).to.throw(ModelLoadError, /raw_data holds 8 bytes.*need 12/);
      expect(() => decodeModel(withInitializer({ dims: [3], data_type: T.FLOAT, float_data: [1] }))).to.throw(ModelLoadError, /1 FLOAT values.*need 3/);
      expect(() => decodeModel(withInitializer({ dims: [1], data_type: T.STRING, string_data: [Uint8Array.of(65)] }))).to.throw(ModelLoadError, /STRING is not supported/);
    });
  });

  it('keeps symbolic and unknown dims of inputs and outputs', () => {
    const bytes = buildModel({
      nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }],
      inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', null, 4] }],
      outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', null, 4] }],
    });
    const { graph } = decodeModel(bytes);
    expect(graph.inputs[0]).to.deep.equal({ name: 'x', dtype: 'float32', dims: ['batch', null, 4] });
    expect(graph.opset).to.equal(17);
  });

  it('names unnamed nodes <opType>_<index> and decodes attributes', () => {
    const bytes = buildModel({
      nodes: [{ opType: 'Transpose', inputs: ['x'], outputs: ['y'], attributes: { perm: [1, 0] } }, { opType: 'LeakyRelu', inputs: ['y'], outputs: ['z'], attributes: { alpha: 0.2, note: 'a' } }],
      inputs: [{ name: 'x', dtype: 'float32', dims: [2, 3] }],
      outputs: [{ name: 'z', dtype: 'float32', dims: [3, 2] }],
    });
    const [a, b] = decodeModel(bytes).graph.nodes;
    expect(a.name).to.equal('Transpose_0');
    expect(a.attributes).to.deep.equal({ perm: [1, 0] });
    expect(b.attributes['alpha']).to.be.closeTo(0.2, 1e-7);
    expect(b.attributes['note']).to.equal('a');
  });

  it('rejects what is not an ONNX model', () => {
    expect(() => decodeModel(new Uint8Array(0))).to.throw(ModelLoadError, /empty/);
    expect(() => decodeModel(new TextEncoder().encode('hello, not a model'))).to.throw(ModelLoadError);
    expect(() => decodeModel(encodeModel({ ir_version: 8 }))).to.throw(ModelLoadError, /no graph/);
  });

  it('checks the opset', () => {
    const model = (version: number): Uint8Array => buildModel({ nodes: [{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }], inputs: [{ name: 'x', dtype: 'float32', dims: [1] }], outputs: [{ name: 'y', dtype: 'float32', dims: [1] }], opset: version });
    expect(() => decodeModel(model(99))).to.throw(ModelLoadError, /opset 99 is outside the supported range/);
    expect(decodeModel(model(9)).graph.opset).to.equal(9);
  });

  it('rejects inputs of unsupported element types, naming them', () => {
    const bytes = encodeModel({
      opset_import: [{ domain: '', version: 13 }],
      graph: { node: [], input: [{ name: 'x', type: { tensor_type: { elem_type: T.STRING } } }], output: [{ name: 'x', type: { sequence_type: {} } }] },
    });
    expect(() => decodeModel(bytes)).to.throw(ModelLoadError, /input 'x' has element type STRING/);
  });
});
