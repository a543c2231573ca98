import type { Graph } from '../graph.js';
import type { ValueInfo } from '../model.js';

function staticDims(info: ValueInfo): number[] | undefined {
  return info.dims.every((d): d is number => typeof d === 'number') ? [...info.dims] : undefined;
}

/**
 * Shapes known before any run: those of graph inputs with only fixed dims, and, when every input is fixed
 * (so nothing can vary), the shapes of the value-info hints. Constants' shapes are added by the folding pass.
 */
export function staticShapes(graph: Graph): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  let allFixed = true;
  for (const input of graph.inputs) {
    const dims = staticDims(input);
    if (dims && input.dims.length > 0) shapes.set(input.name, dims);
    else allFixed = false;
  }
  if (allFixed && graph.valueInfo) {
    for (const info of graph.valueInfo.values()) {
      const dims = staticDims(info);
      if (dims && info.dims.length > 0) shapes.set(info.name, dims);
    }
  }
  return shapes;
}
