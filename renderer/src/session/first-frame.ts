declare global {
  // Chromium's ImageCapture has grabFrame (Image Capture spec); TypeScript's DOM types carry only the photo half.
  interface ImageCapture {
    grabFrame(): Promise<ImageBitmap>;
  }
}

/**
 * Resolves with the track's first frame and rejects if the track ends first (the person
 * cancelled the desktop's dialog). grabFrame waits for a frame to arrive, which a screen
 * capture only delivers once it really shows something; the 'ended' race keeps a cancelled
 * capture from leaving it pending.
 */
export async function firstVideoFrame(track: MediaStreamTrack): Promise<void> {
  if (track.readyState === 'ended') throw new Error('the capture ended');
  let onEnded = () => {};
  const ended = new Promise<never>((_resolve, reject) => {
    onEnded = () => reject(new Error('the capture ended'));
    track.addEventListener('ended', onEnded, { once: true });
  });
  try {
    const grab = new ImageCapture(track).grabFrame();
    grab.catch(() => {}); // once the capture has ended, a late refusal says nothing new
    const frame = await Promise.race([grab, ended]);
    frame.close();
  } finally {
    track.removeEventListener('ended', onEnded);
  }
}
