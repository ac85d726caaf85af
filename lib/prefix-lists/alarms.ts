/**
 * The sync alarms: errors, dead-letter queue depth, shrink guard and widening guard tripped, sync problems (a run
 * left a list behind its file; each fires when its metric reaches 1 in a 5-minute period), and follow lag (a list 3 days behind a newer ip-ranges.json); with no `alarmTopic` they exist for dashboards and the scanners' alarm-action rules are
 * acknowledged.
 */
import { Duration, Validations, aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as cwActions, aws_lambda as lambda, aws_sns as sns, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Namespace of the metrics the sync function publishes (embedded metric format). */
const METRIC_NAMESPACE = 'CdkConnectDx/PrefixListSync';

/** The follow-lag alarm's threshold: 3 days. */
const FOLLOW_LAG_ALARM_SECONDS = 3 * 24 * 60 * 60;

/** The alarms. */
export interface SyncAlarms {
  readonly errorsAlarm: cloudwatch.Alarm;
  readonly deadLetterAlarm: cloudwatch.Alarm;
  readonly shrinkGuardAlarm: cloudwatch.Alarm;
  readonly wideningGuardAlarm: cloudwatch.Alarm;
  readonly followLagAlarm: cloudwatch.Alarm;
  readonly syncProblemsAlarm: cloudwatch.Alarm;
}

/** Creates the alarms in `scope`. */
export function createSyncAlarms(scope: Construct, fn: lambda.IFunction, dlq: sqs.IQueue, alarmTopic: sns.ITopic | undefined): SyncAlarms {
  const syncMetric = (metricName: string, period: Duration) => new cloudwatch.Metric({
    namespace: METRIC_NAMESPACE, metricName, dimensionsMap: { FunctionName: fn.functionName }, period, statistic: 'Maximum',
  });
  // Alarms: each fires when its metric reaches 1 in a 5-minute period; no data means nothing happened.
  const alarmAtOne = (id: string, alarmDescription: string, metric: cloudwatch.IMetric) => new cloudwatch.Alarm(scope, id, {
    alarmDescription,
    metric,
    threshold: 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  const errorsAlarm = alarmAtOne('ErrorsAlarm',
    'cdk-connect-dx prefix list sync failed; the lists keep their last good entries. See the function logs.',
    fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }));
  const deadLetterAlarm = alarmAtOne('DeadLetterAlarm',
    'A prefix list sync failed after all retries and is in the dead-letter queue.',
    dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }));
  const shrinkGuardAlarm = alarmAtOne('ShrinkGuardAlarm',
    'A prefix list sync would have removed more entries than the shrink guard allows; the list was kept as it was. ' +
      'Check ip-ranges.json and the function logs; raise shrinkGuardPercent for one deployment if intended.',
    syncMetric('ShrinkGuardTripped', Duration.minutes(5)));
  const wideningGuardAlarm = alarmAtOne('WideningGuardAlarm',
    'A prefix list sync would have added a prefix shorter than the service has published, or more address space than ' +
      'the widening guard allows; the list was kept as it was. Check ip-ranges.json and the function logs.',
    syncMetric('WideningGuardTripped', Duration.minutes(5)));
  // SyncProblems: every run publishes how many lists it left behind its file (0 when none). The first fill answers
  // FAILED without a Lambda error, so the Errors alarm alone would not see a list it left empty.
  const syncProblemsAlarm = alarmAtOne('SyncProblemsAlarm',
    'A prefix list sync (a trigger or the first fill at deploy) left a list behind ip-ranges.json: a guard, another ' +
      'run\'s marker, a failure, or lists on different file versions. The function logs name the list.',
    syncMetric('SyncProblems', Duration.minutes(5)));
  // FollowLagSeconds: 0 while a list holds the newest file, else that file's age; every run publishes it.
  const followLagAlarm = new cloudwatch.Alarm(scope, 'FollowLagAlarm', {
    alarmDescription: 'A prefix list has not followed a newer ip-ranges.json for 3 days (guard, marker, failure or stale ' +
      'token); AWS uses new ranges 30 days after publishing. See the function logs and the skip metrics.',
    metric: syncMetric('FollowLagSeconds', Duration.hours(1)),
    threshold: FOLLOW_LAG_ALARM_SECONDS,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  const alarms = [errorsAlarm, deadLetterAlarm, shrinkGuardAlarm, wideningGuardAlarm, followLagAlarm, syncProblemsAlarm];
  if (alarmTopic) {
    const action = new cwActions.SnsAction(alarmTopic);
    for (const a of alarms) a.addAlarmAction(action);
  } else {
    for (const a of alarms) {
      for (const rule of ['NIST.800.53.R5-CloudWatchAlarmAction', 'HIPAA.Security-CloudWatchAlarmAction', 'cdk-validator-cfnguard::cloudwatch_alarm_action_check']) {
        Validations.of(a).acknowledge({
          id: rule,
          reason: 'No alarmTopic was given: the alarm is created for dashboards and for actions the operator adds; pass alarmTopic to notify.',
        });
      }
    }
  }
  return { errorsAlarm, deadLetterAlarm, shrinkGuardAlarm, wideningGuardAlarm, followLagAlarm, syncProblemsAlarm };
}
