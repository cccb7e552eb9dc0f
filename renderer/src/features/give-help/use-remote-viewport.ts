import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import {
  ACTUAL_SIZE,
  FIT,
  effectiveZoom,
  normalizedPoint,
  pictureLayout,
  scrollAfterZoom,
  stepZoom,
  type Locate,
  type Rect,
  type Size,
  type ViewGeometry,
  type ViewMode,
} from '../../control/video-mapping';
import { panStep, viewActionFor, type ViewAction } from './view-shortcuts';

/** What the view tells screen readers after a change (rendered in a live region). */
export type ViewNotice =
  | { kind: 'fit' }
  | { kind: 'zoom'; percent: number }
  | { kind: 'fullscreen'; on: boolean }
  | { kind: 'fullscreen-failed' }
  | { kind: 'zoom-limit' };

export const zoomPercent = (zoom: number) => Math.round(zoom * 100);

/**
 * The consultant's view of the person's screen: the mode (Fit, 100 %, a zoom), scrolling to
 * pan, fullscreen on the stage element, and `locate`, the one client-point → screen-point
 * mapping the control and drawing surfaces share. Layout and mapping both come from
 * video-mapping.ts, so what is drawn is what is hit.
 */
export function useRemoteViewport(stream: MediaStream | null) {
  const stage = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [mode, setMode] = useState<ViewMode>(FIT);
  const [viewport, setViewport] = useState<Size>({ width: 0, height: 0 });
  const [videoSize, setVideoSize] = useState<Size | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const [notice, setNotice] = useState<ViewNotice | null>(null);
  // Scroll offsets to apply once the new picture size is laid out (zooming around the centre).
  const pendingScroll = useRef<{ scrollLeft: number; scrollTop: number } | null>(null);
  // Events read the mode through a ref: the surfaces' listeners are attached once.
  const modeRef = useRef(mode);
  useLayoutEffect(() => {
    modeRef.current = mode;
  }, [mode]);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream;
    const onResize = () => setVideoSize({ width: element.videoWidth, height: element.videoHeight });
    element.addEventListener('resize', onResize);
    return () => {
      element.removeEventListener('resize', onResize);
      element.srcObject = null;
    };
  }, [stream]);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport({ width: element.clientWidth, height: element.clientHeight }));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const onChange = () => {
      const on = document.fullscreenElement !== null && document.fullscreenElement === stage.current;
      setFullscreen(on);
      setNotice({ kind: 'fullscreen', on });
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    const scroll = pendingScroll.current;
    pendingScroll.current = null;
    if (element && scroll) {
      element.scrollLeft = scroll.scrollLeft;
      element.scrollTop = scroll.scrollTop;
    }
  }, [mode]);

  /** The live geometry, read at the moment of an event (scrolling does not re-render). */
  const geometry = useCallback((): ViewGeometry | null => {
    const element = scroller.current;
    const picture = video.current;
    if (!element || !picture) return null;
    const rect = element.getBoundingClientRect();
    const visible: Rect = { left: rect.left + element.clientLeft, top: rect.top + element.clientTop, width: element.clientWidth, height: element.clientHeight };
    return {
      viewport: visible,
      scrollLeft: element.scrollLeft,
      scrollTop: element.scrollTop,
      video: { width: picture.videoWidth, height: picture.videoHeight },
      mode: modeRef.current,
      devicePixelRatio: window.devicePixelRatio || 1,
    };
  }, []);

  const locate = useCallback<Locate>((clientX, clientY) => {
    const current = geometry();
    return current ? normalizedPoint(clientX, clientY, current) : null;
  }, [geometry]);

  const show = useCallback((next: ViewMode) => {
    const current = geometry();
    if (current) pendingScroll.current = scrollAfterZoom(current, next);
    setMode(next);
    setNotice(next.kind === 'fit' ? { kind: 'fit' } : { kind: 'zoom', percent: zoomPercent(next.zoom) });
  }, [geometry]);

  const zoom = useCallback((direction: 1 | -1) => {
    const current = geometry();
    if (!current) return;
    const ratio = current.devicePixelRatio;
    const shown = effectiveZoom(current.mode, current.viewport, current.video, ratio);
    const fitZoom = effectiveZoom(FIT, current.viewport, current.video, ratio);
    const next = shown === null ? null : stepZoom(shown, direction);
    if (next === null || fitZoom === null) {
      setNotice({ kind: 'zoom-limit' });
      return;
    }
    // Smaller than the whole screen in the window helps nobody: zooming out that far is Fit.
    show(direction < 0 && next < fitZoom ? FIT : { kind: 'zoom', zoom: next });
  }, [geometry, show]);

  const toggleFullscreen = useCallback(() => {
    const element = stage.current;
    if (!element) return;
    const change = document.fullscreenElement ? document.exitFullscreen() : element.requestFullscreen();
    // Refused (no user gesture, a policy, an engine without it): say so, keep the window view.
    change.catch(() => setNotice({ kind: 'fullscreen-failed' }));
  }, []);

  const act = useCallback((action: ViewAction) => {
    const element = scroller.current;
    const pan = element ? panStep(action, { width: element.clientWidth, height: element.clientHeight }) : null;
    if (element && pan) element.scrollBy(pan);
    else if (action === 'fit') show(FIT);
    else if (action === 'actual-size') show(ACTUAL_SIZE);
    else if (action === 'zoom-in') zoom(1);
    else if (action === 'zoom-out') zoom(-1);
    else if (action === 'fullscreen') toggleFullscreen();
  }, [show, zoom, toggleFullscreen]);

  /** For the view's onKeyDownCapture: runs before the control surface sees the key. */
  const onKeyDownCapture = useCallback((event: ReactKeyboardEvent) => {
    const action = viewActionFor(event);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    act(action);
  }, [act]);

  const layout = videoSize ? pictureLayout(mode, viewport, videoSize, window.devicePixelRatio || 1) : null;
  const shownZoom = videoSize ? effectiveZoom(mode, viewport, videoSize, window.devicePixelRatio || 1) : null;
  return { stage, scroller, video, mode, layout, videoSize, shownZoom, fullscreen, notice, act, locate, onKeyDownCapture };
}
