// Injected into the page before any script: records every SIP frame on every WebSocket with
// wall-clock time in ms (timeOrigin + performance.now(): sub-millisecond, comparable across
// the pages of one machine), and every RTCPeerConnection, so the bench measures the real app from inside
// the page without the app knowing. A string, not a function: tsx's transform would add helpers
// to a function's body that do not exist in the page.
export interface SipFrame {
  t: number;
  dir: 'out' | 'in';
  firstLine: string;
  cseq: string;
}

declare global {
  interface Window {
    __sbFrames?: SipFrame[];
    __sbPcs?: RTCPeerConnection[];
  }
}

export const sipProbeScript = `(() => {
  const frames = [];
  const pcs = [];
  window.__sbFrames = frames;
  window.__sbPcs = pcs;
  const record = (t, dir, data) => {
    if (typeof data !== 'string') return;
    const firstLine = data.slice(0, data.indexOf('\\r\\n'));
    const match = /\\r\\nCSeq:\\s*([^\\r]+)/i.exec(data);
    frames.push({ t, dir, firstLine, cseq: match ? match[1] : '' });
  };
  const NativeWs = window.WebSocket;
  window.WebSocket = class extends NativeWs {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (e) => record(performance.timeOrigin + performance.now(), 'in', e.data));
    }
    send(data) {
      record(performance.timeOrigin + performance.now(), 'out', data);
      super.send(data);
    }
  };
  const NativePc = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePc {
    constructor(config) {
      super(config);
      pcs.push(this);
    }
  };
})();`;
