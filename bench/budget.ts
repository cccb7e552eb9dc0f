import type { Metric } from './record';

type Stat = 'value' | 'p50' | 'p95' | 'p99';
export interface Target {
  stat: Stat;
  op: '<=' | '>=';
  limit: number;
}

/** The budget from issue 8, plus the recovery (issue 13), cluster (issue 14), hostile-load (issue 15), floor-ratio (issue 16) and readability (issue 20) targets. These are targets to print pass/miss against, not test assertions. */
export const BUDGET: Record<string, Target[]> = {
  connect_ms: [{ stat: 'p50', op: '<=', limit: 300 }],
  capture_to_decode_ms: [{ stat: 'p50', op: '<=', limit: 40 }, { stat: 'p95', op: '<=', limit: 80 }],
  input_to_photon_ms: [{ stat: 'p50', op: '<=', limit: 60 }, { stat: 'p95', op: '<=', limit: 100 }],
  input_rtt_ms: [{ stat: 'p50', op: '<=', limit: 1 }, { stat: 'p99', op: '<=', limit: 3 }],
  fps_typing: [{ stat: 'value', op: '>=', limit: 29 }],
  fps_scrolling: [{ stat: 'value', op: '>=', limit: 25 }],
  kbps_idle: [{ stat: 'value', op: '<=', limit: 20 }],
  kbps_typing: [{ stat: 'value', op: '<=', limit: 300 }],
  kbps_scrolling: [{ stat: 'value', op: '<=', limit: 2500 }],
  host_cpu_pct: [{ stat: 'value', op: '<=', limit: 40 }],
  server_idle_sockets: [{ stat: 'value', op: '>=', limit: 10_000 }],
  server_bytes_per_socket: [{ stat: 'value', op: '<=', limit: 20_480 }],
  server_pairings_per_s: [{ stat: 'value', op: '>=', limit: 1000 }],
  server_relay_p99_ms: [{ stat: 'value', op: '<=', limit: 5 }],
  cluster_pairings_per_s: [{ stat: 'value', op: '>=', limit: 1000 }],
  cluster_relay_p99_ms: [{ stat: 'value', op: '<=', limit: 5 }],
  recovery_network_cut_ms: [{ stat: 'p50', op: '<=', limit: 3000 }],
  media_gap_server_restart_ms: [{ stat: 'value', op: '<=', limit: 500 }],
  resume_server_restart_ms: [{ stat: 'value', op: '<=', limit: 2000 }],
  resume_after_reboot_ms: [{ stat: 'value', op: '<=', limit: 2000 }],
  // Hostile load (issue 15): a real consultant always creates a code, memory stays bounded, no real waiting code is revoked.
  hostile_real_creates_ok: [{ stat: 'value', op: '>=', limit: 20 }],
  hostile_half_sent_rss_mb: [{ stat: 'value', op: '<=', limit: 100 }],
  hostile_guesses_per_address: [{ stat: 'value', op: '<=', limit: 2 }],
  hostile_real_codes_revoked: [{ stat: 'value', op: '<=', limit: 0 }],
  hostile_real_joins_ok: [{ stat: 'value', op: '>=', limit: 5 }],
  hostile_signin_ms: [{ stat: 'p95', op: '<=', limit: 1000 }],
  // Against the bare-WebRTC floor measured in the same run (issue 16): Tandem's p50 ÷ the floor's.
  connect_ms_ratio: [{ stat: 'value', op: '<=', limit: 1.5 }],
  capture_to_decode_ms_ratio: [{ stat: 'value', op: '<=', limit: 1.3 }],
  input_to_photon_ms_ratio: [{ stat: 'value', op: '<=', limit: 1.3 }],
  input_rtt_ms_ratio: [{ stat: 'value', op: '<=', limit: 1.3 }],
  // Readable first (issue 20), on a 1920×1080 text scene.
  received_scale_still: [{ stat: 'value', op: '>=', limit: 1 }],
  received_scale_typing: [{ stat: 'value', op: '>=', limit: 1 }],
  received_scale_scrolling: [{ stat: 'value', op: '>=', limit: 0.75 }],
  sharp_after_scroll_ms: [{ stat: 'p50', op: '<=', limit: 500 }],
  text_ssim_still: [{ stat: 'value', op: '>=', limit: 0.97 }],
};

export interface Verdict {
  target: string;
  measured: number | undefined;
  pass: boolean;
}

export function judge(metric: Metric): Verdict[] {
  return (BUDGET[metric.name] ?? []).map((target) => {
    const measured = metric[target.stat];
    const ok = measured !== undefined && Number.isFinite(measured) && (target.op === '<=' ? measured <= target.limit : measured >= target.limit);
    return { target: `${target.stat === 'value' ? '' : `${target.stat} `}${target.op} ${target.limit}`, measured, pass: ok };
  });
}
