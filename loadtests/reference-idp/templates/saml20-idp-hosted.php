<?php
// The IdP, set up as close to an OIOSAML 3 IdP as SimpleSAMLphp 1.19 goes: RSA-SHA256 signatures on the assertion,
// the assertion encrypted for the SP (SimpleSAMLphp fixes RSA-OAEP-MGF1P key transport with AES-128-CBC content),
// URI attribute names, persistent NameID, signed AuthnRequests required.
$metadata['__DYNAMIC:1__'] = [
    'host' => '__DEFAULT__',
    'privatekey' => 'idp.key',
    'certificate' => 'idp.crt',
    'auth' => 'load-users',
    'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'saml20.sign.assertion' => true,
    'saml20.sign.response' => false,
    'assertion.encryption' => true,
    'validate.authnrequest' => true,
    'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
    'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    'authproc' => [
        10 => ['class' => 'saml:PersistentNameID', 'attribute' => 'uid'],
        // The uid served only to derive the NameID; the SP gets the OIOSAML attributes.
        20 => ['class' => 'core:AttributeLimit', 'https://data.gov.dk/model/core/specVersion', 'https://data.gov.dk/concept/core/nsis/loa', 'https://data.gov.dk/model/core/eid/fullName'],
    ],
];
