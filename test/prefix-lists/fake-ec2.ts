/**
 * A stateful stand-in for the EC2 managed prefix list API, wired into aws-sdk-client-mock. It enforces what the
 * real API enforces (CurrentVersion, MaxEntries, no resize together with entry changes, at most 100 entries per
 * call) and records every state the list passes through, so tests can assert what the list looked like at every
 * step and afterwards. Faults are injected per call.
 */
import {
  CreateTagsCommand,
  DescribeManagedPrefixListsCommand,
  EC2Client,
  GetManagedPrefixListEntriesCommand,
  ModifyManagedPrefixListCommand,
  ModifyManagedPrefixListCommandInput,
} from '@aws-sdk/client-ec2';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';

export interface FakeList {
  id: string;
  family: 'IPv4' | 'IPv6';
  maxEntries: number;
  version: number;
  entries: string[];
  tags: Record<string, string>;
  state: string;
  stateMessage?: string;
  /** When set, a resize ends in modify-failed with this message (a referencing resource has no room). */
  growthBlockedBy?: string;
}

/** An error as the SDK raises it for an EC2 error code. */
export function awsError(code: string, message = code): Error {
  return Object.assign(new Error(message), { name: code, Code: code, $fault: 'client', $metadata: { httpStatusCode: 400 } });
}

type Fault = (input: any) => Error | undefined | void;

export class FakeEc2 {
  readonly client = new EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  readonly mock: AwsStub<any, any, any>;
  readonly lists = new Map<string, FakeList>();
  /** Every entry modification, in order: which list, what was added or removed. */
  readonly modifications: { id: string; add: string[]; remove: string[]; currentVersion?: number }[] = [];
  /** Every resize request. */
  readonly resizes: { id: string; maxEntries: number }[] = [];
  /** Entries of each list after every successful entry modification. */
  readonly snapshots: { id: string; entries: string[] }[] = [];
  /** Faults by command name, consumed one per call (undefined = no fault for that call). */
  readonly faults: Record<string, Fault[]> = {};
  readonly calls: Record<string, number> = {};

  constructor() {
    this.mock = mockClient(this.client);
    this.mock.on(DescribeManagedPrefixListsCommand).callsFake((input) => this.describe(input));
    this.mock.on(GetManagedPrefixListEntriesCommand).callsFake((input) => this.getEntries(input));
    this.mock.on(ModifyManagedPrefixListCommand).callsFake((input) => this.modify(input));
    this.mock.on(CreateTagsCommand).callsFake((input) => this.createTags(input));
  }

  add(list: Partial<FakeList> & { id: string }): FakeList {
    const full: FakeList = { family: 'IPv4', maxEntries: 50, version: 1, entries: [], tags: {}, state: 'create-complete', ...list };
    this.lists.set(full.id, full);
    return full;
  }

  /** Queues faults for the next calls of a command (undefined entries let a call through). */
  inject(command: string, ...faults: (Fault | undefined)[]): void {
    (this.faults[command] ??= []).push(...faults.map((f) => f ?? (() => undefined)));
  }

  private fault(command: string, input: unknown): void {
    this.calls[command] = (this.calls[command] ?? 0) + 1;
    const f = this.faults[command]?.shift();
    const err = f?.(input);
    if (err) throw err;
  }

  private get(id: string): FakeList {
    const l = this.lists.get(id);
    if (!l) throw awsError('InvalidPrefixListID.NotFound', `The prefix list ID '${id}' does not exist`);
    return l;
  }

  private view(l: FakeList) {
    return {
      PrefixListId: l.id,
      AddressFamily: l.family,
      MaxEntries: l.maxEntries,
      Version: l.version,
      State: l.state,
      StateMessage: l.stateMessage,
      PrefixListArn: `arn:aws:ec2:us-east-1:111111111111:prefix-list/${l.id}`,
      Tags: Object.entries(l.tags).map(([Key, Value]) => ({ Key, Value })),
    };
  }

  private describe(input: { PrefixListIds?: string[] }) {
    this.fault('DescribeManagedPrefixLists', input);
    return { PrefixLists: (input.PrefixListIds ?? [...this.lists.keys()]).map((id) => this.view(this.get(id))) };
  }

  private getEntries(input: { PrefixListId: string; NextToken?: string; MaxResults?: number }) {
    this.fault('GetManagedPrefixListEntries', input);
    const l = this.get(input.PrefixListId);
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const size = Math.min(input.MaxResults ?? 100, 100);
    const page = l.entries.slice(start, start + size);
    const next = start + size < l.entries.length ? String(start + size) : undefined;
    return { Entries: page.map((Cidr) => ({ Cidr })), NextToken: next };
  }

  private modify(input: ModifyManagedPrefixListCommandInput) {
    this.fault('ModifyManagedPrefixList', input);
    const l = this.get(input.PrefixListId!);
    const add = (input.AddEntries ?? []).map((e) => e.Cidr!);
    const remove = (input.RemoveEntries ?? []).map((e) => e.Cidr!);
    if (input.MaxEntries !== undefined) {
      if (add.length > 0 || remove.length > 0) {
        throw awsError('InvalidParameterCombination', 'You cannot modify the entries and the maximum entries for the prefix list in the same request.');
      }
      this.resizes.push({ id: l.id, maxEntries: input.MaxEntries });
      if (l.growthBlockedBy) {
        l.state = 'modify-failed';
        l.stateMessage = `The following resources cannot support the new size: ${l.growthBlockedBy}`;
      } else {
        l.maxEntries = input.MaxEntries;
        l.state = 'modify-complete';
        l.stateMessage = undefined;
      }
      return { PrefixList: this.view(l) };
    }
    if (add.length > 100 || remove.length > 100) throw awsError('InvalidParameterValue', 'at most 100 entries per request');
    if (input.CurrentVersion !== undefined && input.CurrentVersion !== l.version) {
      throw awsError('PrefixListVersionMismatch', 'The prefix list has the incorrect version number.');
    }
    const next = l.entries.filter((c) => !remove.includes(c));
    for (const c of add) {
      if (next.includes(c)) throw awsError('InvalidPrefixListModification', `An entry with the CIDR (${c}) already exists.`);
      next.push(c);
    }
    if (next.length > l.maxEntries) throw awsError('PrefixListMaxEntriesExceeded', 'The prefix list has exceeded its maximum entries.');
    l.entries = next;
    l.version++;
    l.state = 'modify-complete';
    this.modifications.push({ id: l.id, add, remove, currentVersion: input.CurrentVersion });
    this.snapshots.push({ id: l.id, entries: [...next] });
    return { PrefixList: { ...this.view(l), State: 'modify-in-progress' } };
  }

  private createTags(input: { Resources?: string[]; Tags?: { Key?: string; Value?: string }[] }) {
    this.fault('CreateTags', input);
    for (const id of input.Resources ?? []) for (const t of input.Tags ?? []) this.get(id).tags[t.Key!] = t.Value!;
    return {};
  }
}
