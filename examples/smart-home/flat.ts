/**
 * The flat: six rooms on a 18 x 10 m floor, walls with door gaps, a ceiling lamp per room (a lit room's floor
 * glows warm) and a few pieces of furniture. Everything is built from boxes and spheres; walls and furniture are
 * merged into one mesh each (fewer draw calls for the view and the security camera).
 */
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder.js';
import { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';

/** A room and its light. */
export interface Room {
  readonly name: string;
  /** Centre (x, z) in metres. */
  readonly x: number;
  readonly z: number;
  lightOn: boolean;
}

/** What {@link buildFlat} made. */
export interface Flat {
  readonly rooms: readonly Room[];
  /** The room holding (x, z), or undefined outside the flat. */
  roomAt(x: number, z: number): Room | undefined;
  /** Switches a room's light. */
  setLight(room: Room, on: boolean): void;
}

const ROOM_W = 6;
const ROOM_D = 5;
const ROOMS = [
  ['bedroom', -6, 2.5], ['bathroom', -6, -2.5], ['living room', 0, 2.5], ['hall', 0, -2.5], ['kitchen', 6, 2.5], ['office', 6, -2.5],
] as const;
/** Wall segments [x1, z1, x2, z2]; the gaps between them are the doors. */
const WALLS: [number, number, number, number][] = [
  [-9, 5, 9, 5], [-9, -5, -0.6, -5], [0.6, -5, 9, -5], [-9, -5, -9, 5], [9, -5, 9, -3.4], [9, -2, 9, 5],
  [-9, 0, -6.6, 0], [-5.4, 0, -0.6, 0], [0.6, 0, 9, 0],
  [-3, -5, -3, -3.1], [-3, -1.9, -3, 1.9], [-3, 3.1, -3, 5], [3, -5, 3, -3.1], [3, -1.9, 3, 1.9], [3, 3.1, 3, 5],
];
/** Furniture boxes: x, z, width, depth, height. */
const FURNITURE: [number, number, number, number, number][] = [
  [-7.8, 3.6, 2, 2.2, 0.5], [-7.9, -4, 1.6, 0.8, 0.5], [0.5, 4.4, 3, 0.8, 0.8], [6, 4.5, 5, 0.8, 0.9],
  [7.5, -1, 1.6, 0.8, 0.75], [-0.9, 1.5, 1.2, 0.6, 0.45],
];
const WARM = new Color3(0.55, 0.42, 0.18);

function material(scene: Scene, name: string, hex: string): StandardMaterial {
  const m = new StandardMaterial(name, scene);
  m.diffuseColor = Color3.FromHexString(hex);
  m.specularColor = Color3.Black();
  return m;
}

/** Builds the flat into `scene`, with the living room's light on. */
export function buildFlat(scene: Scene): Flat {
  const floors = new Map<Room, StandardMaterial>();
  const lamps = new Map<Room, StandardMaterial>();
  const rooms = ROOMS.map(([name, x, z]) => {
    const room: Room = { name, x, z, lightOn: false };
    const floor = CreateBox(`floor-${name}`, { width: ROOM_W, depth: ROOM_D, height: 0.1 }, scene);
    floor.position.set(x, -0.05, z);
    floor.material = material(scene, `floor-${name}`, '#d9d4c7');
    floors.set(room, floor.material as StandardMaterial);
    const lamp = CreateSphere(`lamp-${name}`, { diameter: 0.5 }, scene);
    lamp.position.set(x, 2.4, z);
    lamp.material = material(scene, `lamp-${name}`, '#555555');
    lamps.set(room, lamp.material as StandardMaterial);
    return room;
  });
  const walls = WALLS.map(([x1, z1, x2, z2]) => {
    const mesh = CreateBox('wall', { width: Math.abs(x2 - x1) || 0.2, depth: Math.abs(z2 - z1) || 0.2, height: 2.4 }, scene);
    mesh.position.set((x1 + x2) / 2, 1.2, (z1 + z2) / 2);
    return mesh;
  });
  const pieces = FURNITURE.map(([x, z, width, depth, height]) => {
    const mesh = CreateBox('furniture', { width, depth, height }, scene);
    mesh.position.set(x, height / 2, z);
    return mesh;
  });
  Mesh.MergeMeshes(walls, true)!.material = material(scene, 'wall', '#9aa3b2');
  Mesh.MergeMeshes(pieces, true)!.material = material(scene, 'furniture', '#b08a5a');
  const setLight = (room: Room, on: boolean): void => {
    room.lightOn = on;
    floors.get(room)!.emissiveColor = on ? WARM : Color3.Black();
    lamps.get(room)!.emissiveColor = on ? new Color3(1, 0.9, 0.5) : Color3.Black();
  };
  setLight(rooms[2]!, true);
  return {
    rooms,
    roomAt: (x, z) => rooms.find((r) => Math.abs(x - r.x) <= ROOM_W / 2 && Math.abs(z - r.z) <= ROOM_D / 2),
    setLight,
  };
}
