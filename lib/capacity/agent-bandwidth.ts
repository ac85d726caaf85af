/**
 * AWS's per-agent bandwidth figures for Amazon Connect agent workstations: the one table of these facts. The
 * capacity plan (`CapacityPlan`, `cdk-connect-dx plan`) reads them from here. Pure data.
 *
 * Source, date read: each row names its AWS page and the date it was read (2026-12-07). Every figure is per
 * direction: the pages give one number per workstation, and Direct Connect ports are full duplex, so the busier
 * direction is what a port must carry.
 */

/** Where a figure comes from. */
export interface FactSource {
  /** The page the figure was read from. */
  readonly url: string;
  /** Date read (YYYY-MM-DD). */
  readonly date: string;
  /** What the page says, in short, and how the plan uses it. */
  readonly note: string;
}

/** One per-agent bandwidth figure. */
export interface AgentBandwidthFact {
  /** Identifier used in the plan's output (`audio`, `dualCall`, `video`, `screenRecording`). */
  readonly id: 'audio' | 'dualCall' | 'video' | 'screenRecording';
  /** What the figure is for. */
  readonly what: string;
  /** Kilobits per second per agent using it. */
  readonly kbps: number;
  readonly source: FactSource;
}

const READ = '2026-12-07';
const CCP_REQUIREMENTS = 'https://docs.aws.amazon.com/connect/latest/adminguide/troubleshooting.html';

/** The figures, by id. */
export const AGENT_BANDWIDTH: Readonly<Record<AgentBandwidthFact['id'], AgentBandwidthFact>> = {
  audio: {
    id: 'audio', what: 'softphone audio (CCP, WebRTC) per agent on a call', kbps: 100,
    source: { url: CCP_REQUIREMENTS, date: READ, note: 'Agent workstation requirements: "Network: 100 Kbps bandwidth per connected workstation"' },
  },
  dualCall: {
    id: 'dualCall', what: 'a second softphone audio stream (an agent carrying two calls at once)', kbps: 100,
    source: {
      url: CCP_REQUIREMENTS, date: READ,
      note: 'AWS gives no separate figure for a second call; the plan counts the per-workstation audio figure once more',
    },
  },
  video: {
    id: 'video', what: 'video calling (Amazon Chime SDK video stream) per agent on a video call', kbps: 1500,
    source: {
      url: 'https://docs.aws.amazon.com/chime-sdk/latest/dg/webrtc-media.html', date: READ,
      note: 'Amazon Connect video calling uses the Amazon Chime SDK (videocalling-networking-requirements.html); standard ' +
        'sessions send video "encoded with bitrates up to 1500kbps", one stream each way',
    },
  },
  screenRecording: {
    id: 'screenRecording', what: 'Contact Lens screen recording upload per recorded agent', kbps: 600,
    source: {
      url: 'https://docs.aws.amazon.com/connect/latest/adminguide/sr-system-req.html', date: READ,
      note: 'System requirements for screen recording: "Network: 600 Kbps"',
    },
  },
};
