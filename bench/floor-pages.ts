/**
 * The bare-WebRTC floor (issue 16): two pages with no Tandem code at all. The sender shares the
 * X screen with getDisplayMedia and sends it over one RTCPeerConnection on loopback; the
 * receiver shows it and sends clicks, moves and echo probes on a data channel. A small
 * WebSocket relay in the bench process stands in for signaling (one hop, as Tandem's server).
 * The pages only use DOM APIs; their scripts are plain strings served by `startFloorServer`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** What the floor shares with Tandem's sender, so that the comparison is like for like. */
export interface FloorVideo {
  /** MIME types in order of preference (Tandem's PREFERRED_CODECS). */
  codecs: readonly string[];
  frameRate: number;
  contentHint: string;
}

const COMMON = `
const relay = new WebSocket('ws://' + location.host + '/relay?role=' + ROLE);
const opened = new Promise((resolve) => relay.addEventListener('open', resolve));
opened.then(() => { window.__relayOpen = true; });
const signal = async (message) => { await opened; relay.send(JSON.stringify(message)); };
// Loopback only, like Tandem's bench server (candidateFilter "loopback").
const loopback = (candidate) => candidate && / 127\\.0\\.0\\.1 /.test(candidate.candidate);
// Signals are handled one after another: a candidate must not overtake its description.
const onSignal = (handler) => {
  let chain = Promise.resolve();
  relay.addEventListener('message', (event) => { chain = chain.then(() => handler(JSON.parse(event.data))).catch((error) => console.error(error)); });
};
`;

function senderHtml(video: FloorVideo): string {
  return `<!doctype html><html><head><title>Floor sender</title></head><body style="margin:0">
<button id="share" style="width:100%;height:100%;font-size:24px">Share</button>
<script>
const ROLE = 'sender';
const VIDEO = ${JSON.stringify(video)};
${COMMON}
window.__floor = { clickAt: 0, captureAt: 0 };
// bench/rtc-stats.ts reads the last peer connection from here.
window.__bench = { pcs: [] };
let pc = null;
document.getElementById('share').addEventListener('click', async () => {
  window.__floor.clickAt = Date.now();
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: VIDEO.frameRate, max: VIDEO.frameRate } }, audio: false });
  window.__floor.captureAt = Date.now();
  const track = stream.getVideoTracks()[0];
  track.contentHint = VIDEO.contentHint;
  pc = new RTCPeerConnection({ iceServers: [] });
  window.__bench.pcs.push(pc);
  pc.onicecandidate = (event) => { if (loopback(event.candidate)) void signal({ candidate: event.candidate.toJSON() }); };
  const transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
  const rank = (codec) => { const i = VIDEO.codecs.findIndex((m) => m.toLowerCase() === codec.mimeType.toLowerCase()); return i < 0 ? VIDEO.codecs.length : i; };
  transceiver.setCodecPreferences([...RTCRtpSender.getCapabilities('video').codecs].sort((a, b) => rank(a) - rank(b)));
  const channel = pc.createDataChannel('input');
  channel.onmessage = (event) => {
    const message = JSON.parse(event.data);
    // The echo goes first, before any handling (as the bench's probe does in Tandem's user page).
    if (message.t === 'move') channel.send(JSON.stringify({ t: 'echo', seq: message.seq }));
    // Injection is not awaited per event: the bench process does it over XTEST.
    void window.__floorInject(message.t, message.x, message.y);
  };
  await pc.setLocalDescription(await pc.createOffer());
  void signal({ description: pc.localDescription.toJSON() });
});
onSignal(async (message) => {
  if (message.description) await pc.setRemoteDescription(message.description);
  if (message.candidate) await pc.addIceCandidate(message.candidate);
});
</script></body></html>`;
}

const RECEIVER_HTML = `<!doctype html><html><head><title>Floor receiver</title></head>
<body style="margin:0;background:#000;overflow:hidden">
<video id="video" autoplay muted playsinline style="width:100vw;height:100vh;object-fit:contain;display:block"></video>
<script>
const ROLE = 'receiver';
${COMMON}
const video = document.getElementById('video');
// The shape bench/frame-reader.ts reads (its ConsultantBench): video, first frame, clicks, round trips.
window.__bench = { pcs: [], video, firstFrameAt: 0, pointerDowns: [], rtts: [], sentAt: new Map() };
let pc = null;
let channel = null;
let seq = 0;
const normalised = (event) => {
  const rect = video.getBoundingClientRect();
  const scale = Math.min(rect.width / video.videoWidth, rect.height / video.videoHeight);
  const left = rect.left + (rect.width - video.videoWidth * scale) / 2;
  const top = rect.top + (rect.height - video.videoHeight * scale) / 2;
  return { x: (event.clientX - left) / (video.videoWidth * scale), y: (event.clientY - top) / (video.videoHeight * scale) };
};
video.addEventListener('pointerdown', (event) => {
  window.__bench.pointerDowns.push(Date.now());
  if (channel?.readyState === 'open') channel.send(JSON.stringify({ t: 'click', ...normalised(event) }));
});
video.addEventListener('pointermove', (event) => {
  if (channel?.readyState !== 'open') return;
  seq += 1;
  window.__bench.sentAt.set(seq, performance.now());
  channel.send(JSON.stringify({ t: 'move', seq, ...normalised(event) }));
});
onSignal(async (message) => {
  if (message.description) {
    pc = new RTCPeerConnection({ iceServers: [] });
    window.__bench.pcs.push(pc);
    pc.onicecandidate = (e) => { if (loopback(e.candidate)) void signal({ candidate: e.candidate.toJSON() }); };
    pc.ontrack = (e) => {
      video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      video.requestVideoFrameCallback((_now, meta) => { window.__bench.firstFrameAt ||= Date.now() - (performance.now() - meta.presentationTime); });
    };
    pc.ondatachannel = (e) => {
      channel = e.channel;
      channel.onmessage = (m) => {
        const echo = JSON.parse(m.data);
        const sentAt = window.__bench.sentAt.get(echo.seq);
        if (sentAt !== undefined) window.__bench.rtts.push(performance.now() - sentAt);
      };
    };
    await pc.setRemoteDescription(message.description);
    await pc.setLocalDescription(await pc.createAnswer());
    void signal({ description: pc.localDescription.toJSON() });
  }
  if (message.candidate && pc) await pc.addIceCandidate(message.candidate);
});
</script></body></html>`;

export interface FloorServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the two pages and relays every WebSocket message from one role to the other. */
export async function startFloorServer(video: FloorVideo): Promise<FloorServer> {
  const pages: Record<string, string> = { '/sender': senderHtml(video), '/receiver': RECEIVER_HTML };
  const http: Server = createServer((request, response) => {
    const page = pages[request.url ?? ''];
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(page ?? 'not found');
  });
  const peers = new Map<string, WebSocket>();
  const relay = new WebSocketServer({ server: http, path: '/relay' });
  relay.on('connection', (socket, request) => {
    const role = new URL(request.url ?? '', 'http://floor').searchParams.get('role') === 'sender' ? 'sender' : 'receiver';
    peers.set(role, socket);
    socket.on('message', (data, isBinary) => peers.get(role === 'sender' ? 'receiver' : 'sender')?.send(data, { binary: isBinary }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of relay.clients) socket.terminate();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
