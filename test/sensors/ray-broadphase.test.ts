import '@babylonjs/core/Materials/standardMaterial.js';
import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { MeshBuilder } from '@babylonjs/core/Meshes/meshBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { RayBroadphase } from '../../src/sensors/ray-broadphase.js';

describe('RayBroadphase', () => {
  let engine: NullEngine;
  let scene: Scene;

  function box(name: string, x: number, z: number): Mesh {
    const mesh = MeshBuilder.CreateBox(name, { size: 1 }, scene);
    mesh.position.set(x, 0, z);
    mesh.computeWorldMatrix(true);
    return mesh;
  }

  function query(minX: number, maxX: number, minZ: number, maxZ: number): string[] {
    const broadphase = RayBroadphase.of(scene);
    broadphase.refresh();
    const out: number[] = [];
    broadphase.query(minX, -1, minZ, maxX, 1, maxZ, out);
    return out.map((i) => broadphase.meshes[i].name);
  }

  beforeEach(() => {
    engine = new NullEngine();
    scene = new Scene(engine);
  });

  afterEach(() => {
    scene.dispose();
    engine.dispose();
  });

  it('is shared by a scene and returns the meshes overlapping a box once each, in scene order', () => {
    box('a', 0, 0);
    box('b', 10, 0);
    box('c', 3, 3);
    expect(RayBroadphase.of(scene)).to.equal(RayBroadphase.of(scene));
    expect(query(-1, 4, -1, 4)).to.deep.equal(['a', 'c']);
    expect(query(-100, 100, -100, 100)).to.deep.equal(['a', 'b', 'c']);
    expect(query(20, 30, 20, 30)).to.deep.equal([]);
  });

  it('follows meshes moved, added and removed', () => {
    const a = box('a', 0, 0);
    box('b', 10, 0);
    expect(query(9, 11, -1, 1)).to.deep.equal(['b']);
    a.position.x = 10;
    a.computeWorldMatrix(true);
    expect(query(9, 11, -1, 1)).to.deep.equal(['a', 'b']);
    box('c', 10, 0.5);
    expect(query(9, 11, -1, 1)).to.deep.equal(['a', 'b', 'c']);
    a.dispose();
    expect(query(9, 11, -1, 1)).to.deep.equal(['b', 'c']);
  });

  it('reports meshes it cannot pick exactly', () => {
    box('a', 0, 0);
    expect(RayBroadphase.of(scene).refresh()).to.equal(true);
    MeshBuilder.CreateLines('line', { points: [] }, scene);
    expect(RayBroadphase.of(scene).refresh()).to.equal(false);
  });

  it('is replaced by a new one once its scene is disposed', () => {
    const first = RayBroadphase.of(scene);
    const other = new Scene(engine);
    expect(RayBroadphase.of(other)).to.not.equal(first);
    other.dispose();
    expect(RayBroadphase.of(other)).to.not.equal(RayBroadphase.of(scene));
  });
});
