// The app's origin is shared: the signaling server allows it on its WebSocket (Origin allow-list).
export * from '../../shared/app-origin';
