<?php
// Test users named like the MitID simulator's, each with the password "test" and OIOSAML 3 attribute names, so the
// virtual SP's check for the NSIS level of assurance applies to both IdPs alike.
$user = static fn(string $uid, string $name): array => [
    'uid' => [$uid],
    'https://data.gov.dk/model/core/specVersion' => ['OIO-SAML-3.0'],
    'https://data.gov.dk/concept/core/nsis/loa' => ['Substantial'],
    'https://data.gov.dk/model/core/eid/fullName' => [$name],
];

$config = [
    'admin' => ['core:AdminPassword'],
    'load-users' => [
        'exampleauth:UserPass',
        'alice:test' => $user('alice', 'Alice Test'),
        'bent:test' => $user('bent', 'Bent Test'),
        'dorte:test' => $user('dorte', 'Dorte Test'),
    ],
];
