/**
 * AWS Direct Connect resiliency models (the Resiliency Toolkit's Maximum, High and Development and Test) as an
 * enum-like class. The facts (service level, layout, connections per location) come from one table, `./facts`.
 */
import { fail, show } from '../private/fail';
import { RESILIENCY_MODELS, ResiliencyModelFact } from './facts';

/**
 * A Direct Connect resiliency model: how many locations and connections it takes, and what AWS promises for it.
 *
 * ```ts
 * const model = ResiliencyModel.HIGH;
 * model.slaPercent;               // 99.9
 * model.connectionCount(2);       // 2: one connection at each of two locations
 * ResiliencyModel.MAXIMUM.connectionCount(2); // 4: two connections (two devices) at each location
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/resiliency_toolkit.html
 */
export class ResiliencyModel {
  /** Maximum Resiliency: separate connections on separate devices in more than one location (99.99%). */
  public static readonly MAXIMUM = new ResiliencyModel(fact('MAXIMUM'));
  /** High Resiliency: one connection at each of two locations (99.9%). */
  public static readonly HIGH = new ResiliencyModel(fact('HIGH'));
  /** Development and Test: separate connections on separate devices in one location (no SLA). */
  public static readonly DEVELOPMENT = new ResiliencyModel(fact('DEVELOPMENT'));

  /** Every model, most resilient first. */
  public static all(): ResiliencyModel[] {
    return [ResiliencyModel.MAXIMUM, ResiliencyModel.HIGH, ResiliencyModel.DEVELOPMENT];
  }

  /** The model with this name: `MAXIMUM`, `HIGH` or `DEVELOPMENT`. Throws with the allowed names for anything else. */
  public static fromName(name: string): ResiliencyModel {
    const found = ResiliencyModel.all().find((m) => m.name === name);
    if (!found) fail('resiliency', `must be one of ${ResiliencyModel.all().map((m) => m.name).join(', ')}, got ${show(name)}`);
    return found;
  }

  /** Identifier: `MAXIMUM`, `HIGH` or `DEVELOPMENT`. */
  public readonly name: string;
  /** AWS's name for the model, e.g. `High Resiliency`. */
  public readonly awsName: string;
  /** The service level AWS offers, as AWS words it. */
  public readonly serviceLevel: string;
  /**
   * Availability percentage of the Direct Connect SLA for the model.
   * @default - none: the Development and Test model has no SLA
   */
  public readonly slaPercent?: number;
  /** AWS's description of the layout. */
  public readonly layout: string;
  /** Fewest distinct Direct Connect locations the model needs. */
  public readonly minLocations: number;
  /**
   * Most distinct locations the model takes.
   * @default - no upper bound
   */
  public readonly maxLocations?: number;
  /** Dedicated connections ordered at each location, each meant to terminate on its own AWS device. */
  public readonly connectionsPerLocation: number;
  /**
   * `IntendedResiliencyModel` of an `AWS::DirectConnect::ResiliencyGroup` recording this model.
   * @default - none: AWS documents no resiliency group value for the Development and Test model
   */
  public readonly resiliencyGroupModel?: string;

  private constructor(f: ResiliencyModelFact) {
    this.name = f.name;
    this.awsName = f.awsName;
    this.serviceLevel = f.serviceLevel;
    this.slaPercent = f.slaPercent;
    this.layout = f.layout;
    this.minLocations = f.minLocations;
    this.maxLocations = f.maxLocations;
    this.connectionsPerLocation = f.connectionsPerLocation;
    this.resiliencyGroupModel = f.resiliencyGroupModel;
  }

  /** Dedicated connections (and public virtual interfaces) the model orders for this many distinct locations. */
  public connectionCount(locationCount: number): number {
    return this.connectionsPerLocation * locationCount;
  }
}

function fact(name: ResiliencyModelFact['name']): ResiliencyModelFact {
  return RESILIENCY_MODELS.find((m) => m.name === name)!;
}
