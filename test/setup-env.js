// Keep unit tests fast: aws-cdk-lib's built-in CloudFormation validation runs in `cdk synth` instead.
if (process.env.CDK_VALIDATION === undefined) process.env.CDK_VALIDATION = 'false';
process.env.JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION = '20';
// The AWS SDK's notice about future Node.js versions is noise in test output (the CLI silences it the same way).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
