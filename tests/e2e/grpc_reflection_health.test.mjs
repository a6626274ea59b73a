// welkomd's gRPC port asked by a gRPC client in another language
// (@grpc/grpc-js with @grpc/proto-loader, from npm), with the service
// definitions of Debian's grpc-proto package: server reflection v1 (what
// grpcurl, Postman and buf curl ask first) beside v1alpha, and health
// checking per registered service.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import {fromBinary} from '@bufbuild/protobuf';
import {FileDescriptorProtoSchema, MethodOptions_IdempotencyLevel}
  from '@bufbuild/protobuf/wkt';
import {startWelkomd} from './harness.mjs';

const GRPC_PROTO = process.env.GRPC_PROTO_DIR || '/usr/share/grpc-proto';

function load(file) {
  return grpc.loadPackageDefinition(protoLoader.loadSync(file, {
    includeDirs: [GRPC_PROTO], keepCase: false, longs: String, enums: String, defaults: false,
    oneofs: true,
  }));
}

let server;
let reflectionV1;
let reflectionV1alpha;
let health;

before(async () => {
  server = await startWelkomd();
  const creds = grpc.credentials.createInsecure();
  const v1 = load('grpc/reflection/v1/reflection.proto');
  const v1alpha = load('grpc/reflection/v1alpha/reflection.proto');
  const h = load('grpc/health/v1/health.proto');
  reflectionV1 = new v1.grpc.reflection.v1.ServerReflection(server.grpcAddress, creds);
  reflectionV1alpha = new v1alpha.grpc.reflection.v1alpha.ServerReflection(
      server.grpcAddress, creds);
  health = new h.grpc.health.v1.Health(server.grpcAddress, creds);
});

after(async () => {
  for (const c of [reflectionV1, reflectionV1alpha, health]) c?.close();
  await server?.stop();
});

// Sends each request on one reflection stream and collects the answers.
function reflect(stub, requests) {
  return new Promise((resolve, reject) => {
    const answers = [];
    const call = stub.serverReflectionInfo();
    call.on('data', (a) => answers.push(a));
    call.on('error', reject);
    call.on('end', () => resolve(answers));
    for (const r of requests) call.write(r);
    call.end();
  });
}

function check(service) {
  return new Promise((resolve) => {
    health.check({service}, (err, resp) => resolve(err ? {code: err.code} : resp));
  });
}

test('reflection v1 lists the services and describes them from the contract', async () => {
  const [listed, described, missing] = await reflect(reflectionV1, [
    {listServices: ''},
    {fileContainingSymbol: 'welkom.v1.JourneyService'},
    {fileContainingSymbol: 'welkom.v1.NoSuchService'},
  ]);
  const names = listed.listServicesResponse.service.map((s) => s.name);
  for (const name of ['welkom.v1.JourneyService', 'welkom.v1.IdentityService',
                      'welkom.v1.NotificationService', 'grpc.health.v1.Health',
                      'grpc.reflection.v1.ServerReflection']) {
    assert.ok(names.includes(name), `${name} in ${names}`);
  }
  const files = described.fileDescriptorResponse.fileDescriptorProto
      .map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes));
  const journeyFile = files.find((f) => f.name === 'welkom/v1/journey.proto');
  assert.ok(journeyFile, `journey.proto among ${files.map((f) => f.name)}`);
  // Its imports come along, so a client can resolve every type.
  for (const dep of journeyFile.dependency) {
    assert.ok(files.some((f) => f.name === dep), `import ${dep} sent`);
  }
  const service = journeyFile.service.find((s) => s.name === 'JourneyService');
  const getJourney = service.method.find((m) => m.name === 'GetJourney');
  assert.equal(getJourney.inputType, '.welkom.v1.GetJourneyRequest');
  assert.equal(getJourney.options?.idempotencyLevel,
               MethodOptions_IdempotencyLevel.NO_SIDE_EFFECTS);
  assert.equal(missing.errorResponse.errorCode, grpc.status.NOT_FOUND);
});

test('reflection v1 answers by file name and v1alpha is still served', async () => {
  const [byName] = await reflect(reflectionV1, [{fileByFilename: 'welkom/v1/event.proto'}]);
  const names = byName.fileDescriptorResponse.fileDescriptorProto
      .map((b) => fromBinary(FileDescriptorProtoSchema, b).name);
  assert.ok(names.includes('welkom/v1/event.proto'));
  const [alpha] = await reflect(reflectionV1alpha, [{listServices: ''}]);
  assert.ok(alpha.listServicesResponse.service.some((s) => s.name === 'welkom.v1.EventService'));
});

test('health answers SERVING for the server and each registered service', async () => {
  assert.equal((await check('')).status, 'SERVING');
  for (const name of ['welkom.v1.IdentityService', 'welkom.v1.JourneyService',
                      'welkom.v1.NotificationService', 'welkom.v1.EventService',
                      'welkom.v1.LanguageService', 'welkom.v1.CalendarService',
                      'welkom.v1.CohortService', 'welkom.v1.BuddyService',
                      'welkom.v1.InsightsService', 'welkom.v1.TemplateService',
                      'welkom.v1.CatalogueService']) {
    assert.equal((await check(name)).status, 'SERVING', name);
  }
  assert.equal((await check('welkom.v1.NoSuchService')).code, grpc.status.NOT_FOUND);
});
