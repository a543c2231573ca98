/**
 * Thrown (or rejected with) when a model cannot be loaded: the bytes are truncated, corrupt or not ONNX,
 * the source cannot be fetched, or the back end refuses the model. The message names what is wrong;
 * `cause` holds the underlying error when there is one.
 */
export class ModelLoadError extends Error {
  override readonly name: string = 'ModelLoadError';
}

/**
 * Thrown (or rejected with) when the feeds given to `Model.run()` do not match the model's inputs:
 * an unknown or missing input, a wrong dtype, rank or dimension. The message names the input,
 * the expected and the actual value.
 */
export class InputMismatchError extends Error {
  override readonly name = 'InputMismatchError';
}

/** Rejected with when `Model.run()` is called after `Model.dispose()`. */
export class ModelDisposedError extends Error {
  override readonly name = 'ModelDisposedError';
}

/**
 * Thrown by a CPU (or other back end's) kernel when its node cannot run: an invalid or unsupported attribute,
 * an unsupported input dtype, or input shapes that do not fit together at run time. The message starts with the
 * op and the node's name and says what was expected and what was got.
 */
export class KernelError extends Error {
  override readonly name = 'KernelError';
  /** The name of the node whose kernel failed. */
  readonly node: string;
  /** The node's operator, e.g. 'Conv'. */
  readonly op: string;

  /**
   * @param node - the failing node (its name and opType)
   * @param message - what is wrong, with the shapes or values involved
   * @param options - `cause`: the underlying error, when there is one
   */
  constructor(node: { readonly name: string; readonly opType: string }, message: string, options?: ErrorOptions) {
    super(`${node.opType} node '${node.name}': ${message}`, options);
    this.node = node.name;
    this.op = node.opType;
  }
}

/** One node whose operator no kernel implements. */
export interface UnsupportedNode {
  /** The node's name. */
  readonly node: string;
  /** Its operator, e.g. 'NonMaxSuppression'. */
  readonly op: string;
  /** Its operator set domain ('' for the ONNX domain). */
  readonly domain: string;
}

/**
 * Thrown (or rejected with) at load when a model uses operators the chosen back end does not implement.
 * It lists every unsupported node, not only the first: `ops` holds the distinct operators, `nodes` each node.
 */
export class UnsupportedOperatorError extends Error {
  override readonly name = 'UnsupportedOperatorError';
  /** The distinct unsupported operators, sorted (domain-qualified when not in the ONNX domain, e.g. 'com.microsoft.FusedConv'). */
  readonly ops: readonly string[];
  /** Every node using one of them, in graph order. */
  readonly nodes: readonly UnsupportedNode[];

  /**
   * @param backend - the back end that refused the model, e.g. 'cpu'
   * @param nodes - every node whose operator it does not implement (at least one)
   */
  constructor(backend: string, nodes: readonly UnsupportedNode[]) {
    const qualified = (n: UnsupportedNode): string => (n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.op}` : n.op);
    const ops = [...new Set(nodes.map(qualified))].sort();
    const listed = nodes.map((n) => `'${n.node}' (${qualified(n)})`).join(', ');
    super(`the ${backend} back end does not implement operator${ops.length > 1 ? 's' : ''} ${ops.join(', ')}; used by node${nodes.length > 1 ? 's' : ''} ${listed}`);
    this.ops = Object.freeze(ops);
    this.nodes = Object.freeze([...nodes]);
  }
}
