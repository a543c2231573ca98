import { expect } from 'chai';
import { buildModel } from '../../../src/runtime/onnx/build.js';
import { decodeModelProto, encodeModel, onnxRoot } from '../../../src/runtime/onnx/schema.js';
import { int64ToNumber } from '../../../src/runtime/onnx/int64.js';
import { Tensor } from '../../../src/runtime/tensor.js';
import { readBytes } from '../helpers.js';

describe('ONNX schema', () => {
  it('uses the field numbers of onnx.proto', () => {
    const id = (type: string, field: string): number => onnxRoot.lookupType(`onnx.${type}`).fields[field].id;
    expect([id('ModelProto', 'ir_version'), id('ModelProto', 'opset_import'), id('ModelProto', 'graph'), id('ModelProto', 'metadata_props'), id('ModelProto', 'functions')]).to.deep.equal([1, 8, 7, 14, 25]);
    expect([id('GraphProto', 'node'), id('GraphProto', 'initializer'), id('GraphProto', 'input'), id('GraphProto', 'output'), id('GraphProto', 'value_info')]).to.deep.equal([1, 5, 11, 12, 13]);
    expect([id('NodeProto', 'op_type'), id('NodeProto', 'domain'), id('NodeProto', 'attribute')]).to.deep.equal([4, 7, 5]);
    expect([id('AttributeProto', 'type'), id('AttributeProto', 't'), id('AttributeProto', 'g'), id('AttributeProto', 'ints')]).to.deep.equal([20, 5, 6, 8]);
    expect([id('TensorProto', 'raw_data'), id('TensorProto', 'external_data'), id('TensorProto', 'data_location'), id('TensorProto', 'int64_data')]).to.deep.equal([9, 13, 14, 7]);
    expect([id('TypeProto', 'tensor_type'), id('TypeProto', 'sequence_type'), id('TypeProto', 'optional_type')]).to.deep.equal([1, 4, 9]);
  });

  it('encodes the exact wire bytes of a field', () => {
    expect([...encodeModel({ ir_version: 8 })]).to.deep.equal([0x08, 0x08]);
  });

  it('round-trips a built model', () => {
    const bytes = buildModel({
      nodes: [{ opType: 'Gemm', inputs: ['x', 'w'], outputs: ['y'], name: 'fc', attributes: { transB: 1, alpha: { float: 2 } } }],
      inputs: [{ name: 'x', dtype: 'float32', dims: ['batch', 2] }],
      outputs: [{ name: 'y', dtype: 'float32', dims: ['batch', 3] }],
      initializers: { w: new Tensor('float32', [1, 2, 3, 4, 5, 6], [3, 2]) },
      opset: 13,
    });
    const proto = decodeModelProto(bytes);
    expect(int64ToNumber(proto.opset_import[0].version)).to.equal(13);
    const graph = proto.graph!;
    expect(graph.node[0].op_type).to.equal('Gemm');
    expect(graph.node[0].attribute.map((a) => a.name)).to.deep.equal(['transB', 'alpha']);
    expect(graph.node[0].attribute[1].f).to.equal(2);
    expect(graph.initializer[0].raw_data.length).to.equal(24);
    expect(graph.input[0].type!.tensor_type!.shape!.dim[0].dim_param).to.equal('batch');
  });

  it('decodes a real ML-Agents model', () => {
    const proto = decodeModelProto(readBytes('assets/models/ml-agents/3DBall.onnx'));
    expect(proto.graph!.input.map((i) => i.name)).to.deep.equal(['obs_0']);
    expect(proto.graph!.node.length).to.be.greaterThan(10);
  });
});
