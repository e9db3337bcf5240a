#!/usr/bin/env python3
"""Generates the game's sounds (16-bit mono WAV, 22.05 kHz) into assets/sounds/.

Everything is synthesised here from sine waves, so the files carry the project's own
licence. Run from the repository root: python3 scripts/make-sounds.py
"""
import math
import struct
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parent.parent / "assets" / "sounds"


def write(name, samples):
    OUT.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT / name), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", max(-32767, min(32767, int(s * 32767)))) for s in samples))


def tone(freq, seconds, amp=0.5, fade=0.01):
    n = int(RATE * seconds)
    f = int(RATE * fade)
    out = []
    for i in range(n):
        env = min(1.0, i / f if f else 1.0, (n - i) / f if f else 1.0)
        out.append(amp * env * math.sin(2 * math.pi * freq * i / RATE))
    return out


def silence(seconds):
    return [0.0] * int(RATE * seconds)


# Machine hum: 1 s seamless loop of a 100 Hz motor tone with harmonics (whole periods).
hum = []
for i in range(RATE):
    t = i / RATE
    hum.append(0.22 * math.sin(2 * math.pi * 100 * t) + 0.08 * math.sin(2 * math.pi * 200 * t) + 0.04 * math.sin(2 * math.pi * 300 * t))
write("hum.wav", hum)

# Alarm tones by priority: higher priority, higher pitch and more urgent pattern.
write("alarm_low.wav", tone(440, 0.35, 0.35))
write("alarm_medium.wav", tone(660, 0.2, 0.4) + silence(0.08) + tone(660, 0.2, 0.4))
write("alarm_high.wav", (tone(880, 0.15, 0.45) + silence(0.05)) * 3)
write("alarm_emergency.wav", sum(([*tone(1000, 0.1, 0.5), *tone(1250, 0.1, 0.5)] for _ in range(4)), []))

# UI click: a very short tick.
write("click.wav", tone(1800, 0.025, 0.3, fade=0.004))
