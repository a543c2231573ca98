/**
 * Builds the tour-guide scene's museum with Babylon in Node (NullEngine) and writes, under assets/museum/:
 * - museum.glb: three rooms in a row joined by doorways, walls, plinths and twelve exhibits. Every node the
 *   scene needs carries glTF extras: `{ tag: 'wall' | 'floor' | 'plinth' }`, and for exhibits
 *   `{ tag: 'exhibit', name, kind, view: [x, z] }` (where a visitor stands to look at it, in Babylon's
 *   left-handed coordinates, as the glTF loader gives them back);
 * - knowledge.json: the facts about the same exhibits, their makers, years, rooms and neighbours.
 * Re-running it writes the same bytes.
 *
 *   tsx scripts/make-museum.ts [--out DIR]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { PBRMetallicRoughnessMaterial } from '@babylonjs/core/Materials/PBR/pbrMetallicRoughnessMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { MeshBuilder } from '@babylonjs/core/Meshes/meshBuilder.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Logger } from '@babylonjs/core/Misc/logger.js';
import { Scene } from '@babylonjs/core/scene.js';
import { GLTF2Export } from '@babylonjs/serializers/glTF/2.0/glTFSerializer.js';
import { ROOT } from './build-examples.js';

type Kind = 'painting' | 'sculpture' | 'fossil' | 'machine';

/** One exhibit: what the knowledge base says about it and how it looks. */
interface Exhibit {
  name: string;
  kind: Kind;
  room: number;
  by: string;
  year: number;
  about: string;
  colour: string;
}

const ROOMS = [
  { name: 'Blue Room', x: -10, floor: '#9fb3cc' },
  { name: 'Green Room', x: 0, floor: '#a9c49f' },
  { name: 'Red Room', x: 10, floor: '#d2a59d' },
];
const ROOM_SIZE = 10;
const WALL = { height: 2.4, thickness: 0.3, colour: '#ece6da' };
const DOOR_WIDTH = 3;
/** Where each kind stands in its room, relative to the room's centre (x, z), and where visitors look from. */
const SPOTS: Record<Kind, { at: [number, number]; view: [number, number] }> = {
  painting: { at: [-2, 4.82], view: [-2, 3] },
  sculpture: { at: [2.5, 2.5], view: [2.5, 1] },
  fossil: { at: [-2.5, -2.5], view: [-2.5, -1] },
  machine: { at: [2.5, -2.5], view: [2.5, -1] },
};

const EXHIBITS: Exhibit[] = [
  { name: 'Harbour at Dawn', kind: 'painting', room: 0, by: 'Mira Castell', year: 1891, colour: '#e9a86b', about: 'Harbour at Dawn is an oil painting of fishing boats leaving in the first light.' },
  { name: 'The Listener', kind: 'sculpture', room: 0, by: 'Tomas Brant', year: 1923, colour: '#8c6239', about: 'The Listener is a bronze figure with its head turned, as if hearing someone call.' },
  { name: 'Ammonite Spiral', kind: 'fossil', room: 0, by: 'Mary Cole', year: 1888, colour: '#b9a27c', about: 'Ammonite Spiral is the shell of a sea creature that lived 180 million years ago.' },
  { name: 'Brass Orrery', kind: 'machine', room: 0, by: 'Ada Finch', year: 1802, colour: '#c9a227', about: 'Brass Orrery is a clockwork model of the planets turning around the sun.' },
  { name: 'Orchard in Rain', kind: 'painting', room: 1, by: 'Mira Castell', year: 1897, colour: '#5d8a5b', about: 'Orchard in Rain is a painting of apple trees in a summer storm.' },
  { name: 'Twin Dancers', kind: 'sculpture', room: 1, by: 'Lena Okafor', year: 1961, colour: '#eeeae0', about: 'Twin Dancers is a marble sculpture of two dancers leaning into one turn.' },
  { name: 'Raptor Claw', kind: 'fossil', room: 1, by: 'Mary Cole', year: 1902, colour: '#e3d5b8', about: 'Raptor Claw is the curved claw of a small hunting dinosaur.' },
  { name: 'Calculating Loom', kind: 'machine', room: 1, by: 'Ada Finch', year: 1815, colour: '#7a4e2d', about: 'Calculating Loom is a wooden loom that weaves patterns read from punched cards.' },
  { name: 'Night Market', kind: 'painting', room: 2, by: 'Jun Takeda', year: 1958, colour: '#2c2a5a', about: 'Night Market is a painting of lanterns over a crowded street.' },
  { name: 'Folded Wave', kind: 'sculpture', room: 2, by: 'Lena Okafor', year: 1975, colour: '#3f7cac', about: 'Folded Wave is a steel sculpture of a ribbon knotted into a wave.' },
  { name: 'Mammoth Tooth', kind: 'fossil', room: 2, by: 'Mary Cole', year: 1911, colour: '#d8c7a0', about: 'Mammoth Tooth is a grinding tooth of a woolly mammoth from the last ice age.' },
  { name: 'Steam Clockwork', kind: 'machine', room: 2, by: 'Otto Rehm', year: 1870, colour: '#55606b', about: 'Steam Clockwork is a small steam engine that winds a tower clock.' },
];

const PEOPLE: Record<string, { born: number; from: string }> = {
  'Mira Castell': { born: 1862, from: 'Portugal' },
  'Tomas Brant': { born: 1889, from: 'Denmark' },
  'Lena Okafor': { born: 1930, from: 'Nigeria' },
  'Jun Takeda': { born: 1921, from: 'Japan' },
  'Mary Cole': { born: 1861, from: 'England' },
  'Ada Finch': { born: 1771, from: 'Scotland' },
  'Otto Rehm': { born: 1834, from: 'Germany' },
};

/** Exhibits side by side in a room: painting and sculpture (north), fossil and machine (south), and across. */
const NEIGHBOURS: [Kind, Kind][] = [['painting', 'sculpture'], ['fossil', 'machine'], ['painting', 'fossil'], ['sculpture', 'machine']];

/** The knowledge base's JSON (see KnowledgeBase.fromJSON). */
export function knowledge(): { relations: Record<string, { symmetric?: boolean; inverse?: string }>; facts: [string, string, string | number][] } {
  const facts: [string, string, string | number][] = [];
  for (const e of EXHIBITS) {
    facts.push([e.name, 'kind', e.kind], [e.name, 'in_room', ROOMS[e.room].name], [e.name, 'by', e.by], [e.name, 'year', e.year], [e.name, 'about', e.about]);
  }
  ROOMS.forEach((room, r) => {
    for (const [a, b] of NEIGHBOURS) {
      const find = (kind: Kind): string => EXHIBITS.find((e) => e.room === r && e.kind === kind)!.name;
      facts.push([find(a), 'next_to', find(b)]);
    }
    if (r > 0) facts.push([room.name, 'next_to', ROOMS[r - 1].name]);
  });
  for (const [name, person] of Object.entries(PEOPLE)) facts.push([name, 'born', person.born], [name, 'from', person.from]);
  return { relations: { next_to: { symmetric: true }, by: { inverse: 'made' }, in_room: { inverse: 'holds' } }, facts };
}

/** Builds the museum into `scene`. */
function buildMuseum(scene: Scene): void {
  const materials = new Map<string, PBRMetallicRoughnessMaterial>();
  const material = (colour: string, metallic = 0): PBRMetallicRoughnessMaterial => {
    const key = `${colour}/${metallic}`;
    let m = materials.get(key);
    if (!m) {
      m = new PBRMetallicRoughnessMaterial(key, scene);
      m.baseColor = Color3.FromHexString(colour);
      m.metallic = metallic;
      m.roughness = metallic > 0 ? 0.4 : 0.9;
      materials.set(key, m);
    }
    return m;
  };
  const tagged = <T extends TransformNode>(node: T, extras: Record<string, unknown>): T => {
    node.metadata = { gltf: { extras } };
    return node;
  };
  const box = (name: string, size: [number, number, number], at: [number, number, number], colour: string, parent?: TransformNode): Mesh => {
    const mesh = MeshBuilder.CreateBox(name, { width: size[0], height: size[1], depth: size[2] }, scene);
    mesh.position.set(...at);
    mesh.material = material(colour);
    if (parent) mesh.parent = parent;
    return mesh;
  };

  const length = ROOMS.length * ROOM_SIZE;
  const half = ROOM_SIZE / 2;
  const wall = (name: string, size: [number, number], at: [number, number]): Mesh =>
    tagged(box(name, [size[0], WALL.height, size[1]], [at[0], WALL.height / 2, at[1]], WALL.colour), { tag: 'wall' });
  wall('wall north', [length + WALL.thickness, WALL.thickness], [0, half]);
  wall('wall south', [length + WALL.thickness, WALL.thickness], [0, -half]);
  wall('wall west', [WALL.thickness, ROOM_SIZE], [-length / 2, 0]);
  wall('wall east', [WALL.thickness, ROOM_SIZE], [length / 2, 0]);
  const segment = (ROOM_SIZE - DOOR_WIDTH) / 2;
  for (let r = 1; r < ROOMS.length; r++) {
    const x = ROOMS[r].x - half;
    wall(`wall ${r} north`, [WALL.thickness, segment], [x, half - segment / 2]);
    wall(`wall ${r} south`, [WALL.thickness, segment], [x, -half + segment / 2]);
  }
  for (const room of ROOMS) tagged(box(room.name, [ROOM_SIZE, 0.1, ROOM_SIZE], [room.x, -0.05, 0], room.floor), { tag: 'floor', room: room.name });

  for (const e of EXHIBITS) {
    const spot = SPOTS[e.kind];
    const x = ROOMS[e.room].x;
    const node = tagged(new TransformNode(e.name, scene), { tag: 'exhibit', name: e.name, kind: e.kind, view: [x + spot.view[0], spot.view[1]] });
    node.position.set(x + spot.at[0], 0, spot.at[1]);
    if (e.kind === 'painting') {
      box(`${e.name} frame`, [1.8, 1.3, 0.06], [0, 1.55, 0], '#b08d3c', node);
      box(`${e.name} sky`, [1.6, 0.55, 0.02], [0, 1.8, -0.04], e.colour, node);
      box(`${e.name} land`, [1.6, 0.55, 0.02], [0, 1.27, -0.04], '#3b3a36', node);
      continue;
    }
    tagged(box(`${e.name} plinth`, [0.9, 1, 0.9], [0, 0.5, 0], '#f4f1ea', node), { tag: 'plinth' });
    for (const piece of pieces(e)) {
      piece.parent = node;
      piece.position.y += 1;
      piece.material = material(e.colour, e.kind === 'machine' || e.name === 'The Listener' ? 0.7 : 0);
    }
  }

  function pieces(e: Exhibit): Mesh[] {
    const name = `${e.name} piece`;
    switch (e.name) {
      case 'The Listener': {
        const body = MeshBuilder.CreateCylinder(name, { height: 0.7, diameterTop: 0.22, diameterBottom: 0.4, tessellation: 16 }, scene);
        body.position.y = 0.35;
        const head = MeshBuilder.CreateSphere(`${name} head`, { diameter: 0.28, segments: 8 }, scene);
        head.position.set(0.04, 0.82, 0);
        return [body, head];
      }
      case 'Twin Dancers':
        return [-1, 1].map((side) => {
          const dancer = MeshBuilder.CreateCylinder(`${name} ${side}`, { height: 0.9, diameterTop: 0.08, diameterBottom: 0.16, tessellation: 12 }, scene);
          dancer.position.set(side * 0.1, 0.44, 0);
          dancer.rotation.z = side * 0.25;
          return dancer;
        });
      case 'Folded Wave': {
        const knot = MeshBuilder.CreateTorusKnot(name, { radius: 0.25, tube: 0.07, radialSegments: 48, tubularSegments: 8 }, scene);
        knot.position.y = 0.4;
        return [knot];
      }
      case 'Ammonite Spiral': {
        const shell = MeshBuilder.CreateTorus(name, { diameter: 0.45, thickness: 0.2, tessellation: 20 }, scene);
        shell.rotation.x = Math.PI / 2;
        shell.position.y = 0.34;
        return [shell];
      }
      case 'Raptor Claw': {
        const claw = MeshBuilder.CreateCylinder(name, { height: 0.6, diameterTop: 0, diameterBottom: 0.18, tessellation: 12 }, scene);
        claw.rotation.z = 0.5;
        claw.position.y = 0.28;
        return [claw];
      }
      case 'Mammoth Tooth': {
        const tooth = MeshBuilder.CreateBox(name, { width: 0.45, height: 0.3, depth: 0.3 }, scene);
        tooth.position.y = 0.15;
        return [tooth];
      }
      case 'Brass Orrery': {
        const sun = MeshBuilder.CreateSphere(name, { diameter: 0.22, segments: 8 }, scene);
        const orbit = MeshBuilder.CreateTorus(`${name} orbit`, { diameter: 0.6, thickness: 0.02, tessellation: 24 }, scene);
        const planet = MeshBuilder.CreateSphere(`${name} planet`, { diameter: 0.1, segments: 6 }, scene);
        planet.position.set(0.3, 0.3, 0);
        for (const m of [sun, orbit]) m.position.y = 0.3;
        return [sun, orbit, planet];
      }
      case 'Calculating Loom': {
        const frame = MeshBuilder.CreateBox(name, { width: 0.7, height: 0.5, depth: 0.4 }, scene);
        frame.position.y = 0.25;
        const roller = MeshBuilder.CreateCylinder(`${name} roller`, { height: 0.8, diameter: 0.12, tessellation: 12 }, scene);
        roller.rotation.z = Math.PI / 2;
        roller.position.set(0, 0.56, 0.1);
        return [frame, roller];
      }
      default: {
        const boiler = MeshBuilder.CreateCylinder(name, { height: 0.6, diameter: 0.3, tessellation: 16 }, scene);
        boiler.rotation.z = Math.PI / 2;
        boiler.position.y = 0.18;
        const wheel = MeshBuilder.CreateCylinder(`${name} wheel`, { height: 0.05, diameter: 0.45, tessellation: 16 }, scene);
        wheel.rotation.x = Math.PI / 2;
        wheel.position.set(0.1, 0.3, 0.2);
        return [boiler, wheel];
      }
    }
  }
}

/** The knowledge JSON with one fact a line, for readable diffs. */
function formatKnowledge({ relations, facts }: ReturnType<typeof knowledge>): string {
  const lines = facts.map((f) => `    ${JSON.stringify(f)}`);
  return `{\n  "relations": ${JSON.stringify(relations)},\n  "facts": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** Writes museum.glb and knowledge.json into `outDir`; returns the paths written. */
export async function makeMuseum(outDir = join(ROOT, 'assets', 'museum')): Promise<string[]> {
  Logger.LogLevels = Logger.WarningLogLevel | Logger.ErrorLogLevel; // the engine's version banner is noise here
  const engine = new NullEngine();
  const scene = new Scene(engine);
  try {
    buildMuseum(scene);
    const data = await GLTF2Export.GLBAsync(scene, 'museum', { exportWithoutWaitingForScene: true });
    const glb = new Uint8Array(await (data.files['museum.glb'] as Blob).arrayBuffer());
    await mkdir(outDir, { recursive: true });
    const written = [join(outDir, 'museum.glb'), join(outDir, 'knowledge.json')];
    await writeFile(written[0], glb);
    await writeFile(written[1], formatKnowledge(knowledge()));
    return written;
  } finally {
    scene.dispose();
    engine.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--out');
  const written = await makeMuseum(i >= 0 ? process.argv[i + 1] : undefined);
  process.stdout.write(`wrote ${written.map((p) => relative(process.cwd(), p)).join(', ')}\n`);
}
