// Everything audio: the microphone (acquired once, cloned per call), the remote audio elements,
// and two sounds made with WebAudio because the CSP allows no data: audio: the ringtone and the
// hold music the other side hears. Both are driven by low-frequency oscillators rather than JS
// timers, so they keep their rhythm in a background tab where timers are throttled.

export interface DevicePreferences {
  microphone: string | null;
  speaker: string | null;
  ringer: string | null;
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

export const canChooseOutput =
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

export interface Media {
  /** Resume (or create) the AudioContext; call from a user gesture so the first call rings. */
  unlock(): void;
  /** A stream of its own for one call: a clone of the one microphone track. */
  callStream(): Promise<MediaStream>;
  /** A fresh hold-music track for one held call; stop it on resume. */
  holdMusicTrack(): MediaStreamTrack | null;
  startRinging(soft: boolean): void;
  stopRinging(): void;
  /** Plays a call's remote stream; returns a release function. */
  playRemote(stream: MediaStream): () => void;
  /** A level meter on a stream (the call's microphone, its remote audio). */
  meter(stream: MediaStream): LevelMeter | null;
  setPreferences(prefs: Partial<DevicePreferences>): void;
  preferences(): DevicePreferences;
  dispose(): void;
}

export interface LevelMeter {
  /** The loudness right now, 0 (silence, -60 dBFS and below) to 1 (full scale). */
  level(): number;
  release(): void;
}

// dBFS mapped linearly onto 0..1 from this floor: speech sits around the middle.
const meterFloorDb = -60;

export function createMedia(initial: DevicePreferences): Media {
  const prefs: DevicePreferences = { ...initial };
  let context: AudioContext | null = null;
  let mic: Promise<MediaStream> | null = null;
  let music: { destination: MediaStreamAudioDestinationNode; stop: () => void } | null = null;
  let ring: { stop: () => void } | null = null;
  let ringSoft = false;
  const remoteElements = new Set<SinkAudio>();

  function audioContext(): AudioContext {
    if (!context) context = new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    return context;
  }

  function sink(element: SinkAudio, deviceId: string | null): void {
    if (deviceId && element.setSinkId) void element.setSinkId(deviceId).catch(() => undefined);
  }

  function microphone(): Promise<MediaStream> {
    if (!mic) {
      const audio: MediaTrackConstraints = {
        echoCancellation: true,
        noiseSuppression: true,
        autoGainControl: true,
      };
      // `exact`, because Chromium may ignore an `ideal` device; a chosen device that is gone
      // (unplugged headset) falls back to the system default instead of failing the call.
      const chosen = prefs.microphone;
      mic = chosen
        ? navigator.mediaDevices
            .getUserMedia({ audio: { ...audio, deviceId: { exact: chosen } }, video: false })
            .catch((error: unknown) => {
              if (error instanceof Error && error.name === 'OverconstrainedError') {
                return navigator.mediaDevices.getUserMedia({ audio, video: false });
              }
              throw error;
            })
        : navigator.mediaDevices.getUserMedia({ audio, video: false });
      // A refusal must be asked again next call, not remembered.
      mic.catch(() => (mic = null));
    }
    return mic;
  }

  function startMusic(): MediaStreamAudioDestinationNode {
    if (music) return music.destination;
    const ctx = audioContext();
    const destination = ctx.createMediaStreamDestination();
    // A soft two-note chime: a carrier stepping between two pitches every second (square LFO),
    // with a 2 Hz tremolo so it sounds like music and carries energy the other side can measure.
    const carrier = ctx.createOscillator();
    carrier.type = 'triangle';
    carrier.frequency.value = 523.25;
    const step = ctx.createOscillator();
    step.type = 'square';
    step.frequency.value = 0.5;
    const stepDepth = ctx.createGain();
    stepDepth.gain.value = 130;
    step.connect(stepDepth).connect(carrier.frequency);
    const harmony = ctx.createOscillator();
    harmony.type = 'sine';
    harmony.frequency.value = 392;
    const tremolo = ctx.createOscillator();
    tremolo.frequency.value = 2;
    const tremoloDepth = ctx.createGain();
    tremoloDepth.gain.value = 0.08;
    const level = ctx.createGain();
    level.gain.value = 0.16;
    tremolo.connect(tremoloDepth).connect(level.gain);
    carrier.connect(level);
    const harmonyLevel = ctx.createGain();
    harmonyLevel.gain.value = 0.35;
    harmony.connect(harmonyLevel).connect(level);
    level.connect(destination);
    const oscillators = [carrier, step, harmony, tremolo];
    for (const o of oscillators) o.start();
    music = {
      destination,
      stop: () => {
        for (const o of oscillators) o.stop();
        level.disconnect();
      },
    };
    return destination;
  }

  function startRing(soft: boolean): { stop: () => void } {
    const ctx = audioContext();
    if (soft) return startBeep(ctx);
    // North-American style ring: 440 + 480 Hz, gated on and off every 2 s by a square LFO.
    const a = ctx.createOscillator();
    a.frequency.value = 440;
    const b = ctx.createOscillator();
    b.frequency.value = 480;
    const gate = ctx.createGain();
    gate.gain.value = soft ? 0.03 : 0.1;
    const cadence = ctx.createOscillator();
    cadence.type = 'square';
    cadence.frequency.value = 0.25;
    const cadenceDepth = ctx.createGain();
    cadenceDepth.gain.value = soft ? 0.03 : 0.1;
    cadence.connect(cadenceDepth).connect(gate.gain);
    a.connect(gate);
    b.connect(gate);
    const output = toRinger(ctx, gate);
    const oscillators = [a, b, cadence];
    for (const o of oscillators) o.start();
    return {
      stop: () => {
        for (const o of oscillators) o.stop();
        gate.disconnect();
        output.stop();
      },
    };
  }

  // Ring and call-waiting beep play on the chosen ringer device: WebAudio cannot pick an output,
  // so the sound goes through an <audio> element whose sink is set (where the browser can).
  function toRinger(ctx: AudioContext, node: AudioNode): { stop: () => void } {
    if (!canChooseOutput || !prefs.ringer) {
      node.connect(ctx.destination);
      return { stop: () => undefined };
    }
    const destination = ctx.createMediaStreamDestination();
    node.connect(destination);
    const element = new Audio() as SinkAudio;
    element.autoplay = true;
    element.srcObject = destination.stream;
    sink(element, prefs.ringer);
    void element.play().catch(() => undefined);
    return {
      stop: () => {
        element.pause();
        element.srcObject = null;
      },
    };
  }

  // Call waiting: a quiet single beep every 3 s instead of the ring, so the call in progress
  // stays audible and the agent can tell the two apart.
  function startBeep(ctx: AudioContext): { stop: () => void } {
    const tone = ctx.createOscillator();
    tone.frequency.value = 620;
    const gate = ctx.createGain();
    gate.gain.value = 0;
    // A pulse train: 1/3 Hz sawtooth shaped into a short "on" window by a steep curve.
    const cadence = ctx.createOscillator();
    cadence.type = 'sawtooth';
    cadence.frequency.value = 1 / 3;
    const shaper = ctx.createWaveShaper();
    shaper.curve = Float32Array.from({ length: 64 }, (_, i) => (i > 56 ? 0.04 : 0));
    cadence.connect(shaper).connect(gate.gain);
    tone.connect(gate);
    const output = toRinger(ctx, gate);
    tone.start();
    cadence.start();
    return {
      stop: () => {
        tone.stop();
        cadence.stop();
        gate.disconnect();
        output.stop();
      },
    };
  }

  return {
    unlock() {
      try {
        audioContext();
      } catch {
        // No WebAudio: calls work, only ringtone and hold music are missing.
      }
    },
    async callStream() {
      const stream = await microphone();
      return new MediaStream(stream.getAudioTracks().map((track) => track.clone()));
    },
    holdMusicTrack() {
      try {
        return startMusic().stream.getAudioTracks()[0]?.clone() ?? null;
      } catch {
        return null;
      }
    },
    startRinging(soft) {
      if (ring && ringSoft === soft) return;
      ring?.stop();
      try {
        ring = startRing(soft);
        ringSoft = soft;
      } catch {
        ring = null;
      }
    },
    stopRinging() {
      ring?.stop();
      ring = null;
    },
    playRemote(stream) {
      const element = new Audio() as SinkAudio;
      element.autoplay = true;
      element.srcObject = stream;
      sink(element, prefs.speaker);
      remoteElements.add(element);
      void element.play().catch(() => undefined);
      return () => {
        element.pause();
        element.srcObject = null;
        remoteElements.delete(element);
      };
    },
    meter(stream) {
      if (stream.getAudioTracks().length === 0) return null;
      try {
        const ctx = audioContext();
        const source = ctx.createMediaStreamSource(stream);
        const analyser = ctx.createAnalyser();
        analyser.fftSize = 1024;
        source.connect(analyser); // not to the destination: the meter must not play anything
        const samples = new Float32Array(analyser.fftSize);
        return {
          level() {
            analyser.getFloatTimeDomainData(samples);
            let sum = 0;
            for (const v of samples) sum += v * v;
            const rms = Math.sqrt(sum / samples.length);
            if (rms <= 0) return 0;
            const db = 20 * Math.log10(rms);
            return Math.min(1, Math.max(0, (db - meterFloorDb) / -meterFloorDb));
          },
          release() {
            source.disconnect();
          },
        };
      } catch {
        return null; // no WebAudio: no meters, the call itself is unaffected
      }
    },
    setPreferences(next) {
      const micChanged = next.microphone !== undefined && next.microphone !== prefs.microphone;
      Object.assign(prefs, next);
      if (next.speaker !== undefined) for (const el of remoteElements) sink(el, prefs.speaker);
      if (micChanged && mic) {
        const old = mic;
        mic = null;
        void old.then((s) => s.getTracks().forEach((t) => t.stop())).catch(() => undefined);
      }
    },
    preferences: () => ({ ...prefs }),
    dispose() {
      ring?.stop();
      ring = null;
      music?.stop();
      music = null;
      for (const el of remoteElements) {
        el.pause();
        el.srcObject = null;
      }
      remoteElements.clear();
      if (mic) void mic.then((s) => s.getTracks().forEach((t) => t.stop())).catch(() => undefined);
      mic = null;
      void context?.close().catch(() => undefined);
      context = null;
    },
  };
}
