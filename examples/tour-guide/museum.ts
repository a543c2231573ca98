/**
 * Loads the museum (assets/museum/museum.glb, made by scripts/make-museum.ts) with @babylonjs/loaders and turns
 * its glTF extras into what the scene uses: `metadata.tag` for the RaySensor, and the exhibits.
 */
import '@babylonjs/loaders/glTF/2.0/glTFLoader.js';
import '@babylonjs/loaders/glTF/2.0/Extensions/ExtrasAsMetadata.js';
import { LoadAssetContainerAsync } from '@babylonjs/core/Loading/sceneLoader.js';
import type { PBRMaterial } from '@babylonjs/core/Materials/PBR/pbrMaterial.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import type { Material } from '@babylonjs/core/Materials/material.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Scene } from '@babylonjs/core/scene.js';

/** An exhibit of the museum. */
export interface Exhibit {
  /** Its name, as the knowledge base knows it. */
  readonly name: string;
  /** 'painting', 'sculpture', 'fossil' or 'machine'. */
  readonly kind: string;
  /** Its group node. */
  readonly node: TransformNode;
  /** Where a visitor stands to look at it (on the floor). */
  readonly view: Vector3;
}

/** What {@link loadMuseum} added to the scene. */
export interface Museum {
  readonly exhibits: readonly Exhibit[];
  /** The rooms' floors (XR teleportation targets). */
  readonly floors: readonly AbstractMesh[];
}

interface Extras {
  tag?: string;
  name?: string;
  kind?: string;
  view?: [number, number];
}

/**
 * A StandardMaterial of the glTF material's base colour: PBR shading costs too much on software renderers
 * (SwiftShader draws the page at less than half the frame rate with it), and the museum has no textures.
 */
function plain(material: Material, scene: Scene): StandardMaterial {
  const pbr = material as PBRMaterial;
  const standard = new StandardMaterial(material.name, scene);
  standard.diffuseColor = pbr.albedoColor.toGammaSpace();
  standard.specularColor = pbr.metallic ? new Color3(0.5, 0.5, 0.45) : new Color3(0.06, 0.06, 0.06);
  return standard;
}

/** Loads the museum from `url` into `scene`. */
export async function loadMuseum(scene: Scene, url: string): Promise<Museum> {
  const container = await LoadAssetContainerAsync(url, scene);
  const materials = new Map(container.materials.map((m) => [m, plain(m, scene)]));
  for (const mesh of container.meshes) {
    if (mesh.material) mesh.material = materials.get(mesh.material) ?? mesh.material;
    mesh.freezeWorldMatrix();
  }
  for (const m of materials.keys()) m.dispose();
  container.materials.length = 0;
  container.addAllToScene();
  const exhibits: Exhibit[] = [];
  const floors: AbstractMesh[] = [];
  for (const node of [...container.transformNodes, ...container.meshes]) {
    const extras = (node.metadata as { gltf?: { extras?: Extras } } | null)?.gltf?.extras;
    if (!extras?.tag) continue;
    node.metadata.tag = extras.tag;
    if (extras.tag === 'floor') floors.push(node as AbstractMesh);
    if (extras.tag === 'exhibit' && extras.name && extras.kind && extras.view) {
      exhibits.push({ name: extras.name, kind: extras.kind, node, view: new Vector3(extras.view[0], 0, extras.view[1]) });
    }
  }
  return { exhibits, floors };
}
