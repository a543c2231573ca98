import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { harness, openPage, saveArtifact } from './harness.js';
import { imageStats } from './pixels.js';

/**
 * The slate's MRTK buttons and backplate fetch icons (PNG) and meshes (glb) from Babylon's CDN, out of reach here:
 * the page is served a 1x1 PNG and a one-triangle glb instead.
 */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A binary glTF holding one mesh of one triangle. */
function triangleGlb(): Buffer {
  const bin = Buffer.from(Float32Array.of(0, 0, 0, 1, 0, 0, 0, 1, 0).buffer);
  const json = Buffer.from(JSON.stringify({
    asset: { version: '2.0' },
    scene: 0,
    scenes: [{ nodes: [0] }],
    nodes: [{ mesh: 0, name: 'plate' }],
    meshes: [{ primitives: [{ attributes: { POSITION: 0 } }] }],
    accessors: [{ bufferView: 0, componentType: 5126, count: 3, type: 'VEC3', min: [0, 0, 0], max: [1, 1, 0] }],
    bufferViews: [{ buffer: 0, byteLength: bin.length }],
    buffers: [{ byteLength: bin.length }],
  }));
  const pad = (b: Buffer, fill: number): Buffer => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4, fill)]);
  const chunk = (data: Buffer, type: number): Buffer => {
    const header = Buffer.alloc(8);
    header.writeUInt32LE(data.length, 0);
    header.writeUInt32LE(type, 4);
    return Buffer.concat([header, data]);
  };
  const body = Buffer.concat([chunk(pad(json, 0x20), 0x4e4f534a), chunk(pad(bin, 0), 0x004e4942)]);
  const header = Buffer.alloc(12);
  header.writeUInt32LE(0x46546c67, 0);
  header.writeUInt32LE(2, 4);
  header.writeUInt32LE(12 + body.length, 8);
  return Buffer.concat([header, body]);
}

describe('Collaboration widgets in XR slates (in Chromium)', () => {
  let page: Page;
  let problems: string[];

  before(async () => {
    ({ page, problems } = await openPage());
    const glb = triangleGlb();
    await page.route((url) => url.hostname !== 'localhost', (route) => route.fulfill(route.request().url().endsWith('.glb')
      ? { status: 200, contentType: 'model/gltf-binary', body: glb }
      : { status: 200, contentType: 'image/png', body: PIXEL }));
    await page.goto(`${harness().url}fixtures/collaboration-xr/`);
    await page.waitForFunction(() => window.__collabXr?.ready === true, undefined, { timeout: 15_000 });
  });

  after(async () => {
    await page?.close();
  });

  it('hosts each widget in a HolographicSlate of the GUI3DManager', async () => {
    const slates = await page.evaluate(() => window.__collabXr.slates());
    expect(slates.map((s) => [s.title, s.hostsContent])).to.deep.equal([['Suggestion', true], ['Chat', true], ['Collaborator', true]]);
    for (const slate of slates) expect(slate.meshes, `${slate.title} has meshes`).to.be.greaterThan(0);
    expect(await page.evaluate(() => window.__collabXr.controls3D())).to.equal(3);
  });

  it('renders the slates', async () => {
    // Software rendering on a busy machine may take a while to draw the slates: look again until they show.
    let distinct = 0;
    for (let attempt = 0; attempt < 40 && distinct <= 4; attempt++) {
      await page.waitForTimeout(500);
      const png = await page.screenshot();
      await saveArtifact('collaboration-xr', png);
      distinct = (await imageStats(page, png, { x: 0, y: 0, width: 960, height: 300 }, 48, 16)).distinctColours;
    }
    expect(distinct, 'more than the clear colour').to.be.greaterThan(4);
  });

  it('the card in its slate still answers through the session', async () => {
    expect(await page.evaluate(() => window.__collabXr.acceptByCard())).to.equal(1);
  });

  it('dispose removes the slates, and is harmless twice', async () => {
    await page.evaluate(() => window.__collabXr.dispose());
    expect(await page.evaluate(() => window.__collabXr.controls3D())).to.equal(0);
  });

  it('reports no errors', async () => {
    expect(await page.evaluate(() => window.__collabXr.errors)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
  });
});
