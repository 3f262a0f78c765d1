<?php
// SimpleSAMLphp 1.19 configuration for the reference-IdP benchmark; run-simplesamlphp.sh fills the @…@ values.
// Only what differs from the defaults or what the comparison depends on is set.
$config = [
    'baseurlpath' => 'http://127.0.0.1:@PORT@/',
    'certdir' => '@WORK@/cert/',
    'loggingdir' => '@WORK@/log/',
    'datadir' => '@WORK@/data/',
    'tempdir' => '@WORK@/tmp',
    'metadatadir' => '@WORK@/config/metadata/',
    'secretsalt' => '@SALT@',
    'auth.adminpassword' => '@ADMIN@',
    'admin.protectmetadata' => false,
    'admin.checkforupdates' => false,
    'technicalcontact_email' => 'na@example.org',
    'timezone' => 'UTC',
    'showerrors' => true,
    'errorreporting' => false,
    // Warning, as the broker logs in the comparison; a file, so nothing goes through syslog.
    'logging.level' => SimpleSAML\Logger::WARNING,
    'logging.handler' => 'file',
    'logging.logfile' => 'simplesamlphp.log',
    'statistics.out' => [],
    'enable.saml20-idp' => true,
    'module.enable' => ['exampleauth' => true, 'core' => true, 'saml' => true],
    // Plain HTTP on loopback: the session cookie must travel without TLS.
    'session.cookie.secure' => false,
    'session.cookie.samesite' => null,
    'language.cookie.secure' => false,
    'store.type' => 'phpsession',
    'session.phpsession.savepath' => '@WORK@/sessions',
    'metadata.sources' => [['type' => 'flatfile']],
    'production' => true,
    'template.auto_reload' => false,
];
