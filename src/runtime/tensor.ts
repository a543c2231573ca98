/** The element types a {@link Tensor} can hold. */
export type DataType = 'float32' | 'int32' | 'int64' | 'bool';

/** The typed array that backs each {@link DataType}. */
export interface TensorDataMap {
  float32: Float32Array;
  int32: Int32Array;
  int64: BigInt64Array;
  bool: Uint8Array;
}

/** Any typed array a tensor can hold. */
export type TensorData = TensorDataMap[DataType];

const ARRAY_TYPES = {
  float32: Float32Array,
  int32: Int32Array,
  int64: BigInt64Array,
  bool: Uint8Array,
} as const;

/** Number of elements of a shape: the product of its dimensions (1 for a scalar). */
export function shapeSize(dims: readonly number[]): number {
  let size = 1;
  for (const d of dims) size *= d;
  return size;
}

function checkDims(dims: readonly number[]): void {
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (!Number.isInteger(d) || d < 0) {
      throw new RangeError(`Tensor: dims[${i}] must be a non-negative integer, got ${String(d)} in [${dims.join(', ')}]`);
    }
  }
}

/**
 * A dense, row-major n-dimensional array: the unit of data between sensors, policies and models.
 *
 * The tensor does not copy `data`: it views the array it is given, so a sensor can write observations
 * straight into a batch tensor. `data.length` must equal the product of `dims`.
 */
export class Tensor<T extends DataType = DataType> {
  /** The element type. */
  readonly dtype: T;
  /** The elements in row-major order. */
  readonly data: TensorDataMap[T];
  /** The shape, outermost dimension first. */
  readonly dims: readonly number[];

  /**
   * @param dtype - element type
   * @param data - the elements (typed array of the dtype's kind, or plain numbers/bigints to convert)
   * @param dims - the shape; defaults to a 1-D tensor of `data.length`
   * @throws TypeError when `data` does not match `dtype`; RangeError when its length does not match `dims`
   */
  constructor(dtype: T, data: TensorDataMap[T] | readonly number[] | readonly bigint[], dims?: readonly number[]) {
    const ArrayType = ARRAY_TYPES[dtype] as unknown as { new (src: ArrayLike<number | bigint>): TensorDataMap[T] } | undefined;
    if (!ArrayType) throw new TypeError(`Tensor: dtype must be one of ${Object.keys(ARRAY_TYPES).join(', ')}, got '${String(dtype)}'`);
    let array: TensorDataMap[T];
    if (Array.isArray(data)) {
      array = dtype === 'int64'
        ? (BigInt64Array.from((data as readonly (number | bigint)[]).map((v) => BigInt(v))) as TensorDataMap[T])
        : new ArrayType(data as readonly number[]);
    } else if (data instanceof (ARRAY_TYPES[dtype] as unknown as Function)) {
      array = data as TensorDataMap[T];
    } else {
      const got = (data as object)?.constructor?.name ?? typeof data;
      throw new TypeError(`Tensor: data for dtype '${dtype}' must be a ${ARRAY_TYPES[dtype].name} or an array, got ${got}`);
    }
    const shape = dims ? [...dims] : [array.length];
    checkDims(shape);
    if (shapeSize(shape) !== array.length) {
      throw new RangeError(`Tensor: dims [${shape.join(', ')}] hold ${shapeSize(shape)} elements but data has ${array.length}`);
    }
    this.dtype = dtype;
    this.data = array;
    this.dims = Object.freeze(shape);
  }

  /** A zero-filled tensor of the given type and shape. */
  static zeros<T extends DataType>(dtype: T, dims: readonly number[]): Tensor<T> {
    checkDims(dims);
    const ArrayType = ARRAY_TYPES[dtype] as unknown as { new (n: number): TensorDataMap[T] };
    return new Tensor(dtype, new ArrayType(shapeSize(dims)), dims);
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of dimensions. */
  get rank(): number {
    return this.dims.length;
  }

  /** A tensor over the same data with another shape of the same size. */
  reshape(dims: readonly number[]): Tensor<T> {
    return new Tensor(this.dtype, this.data, dims);
  }
}
