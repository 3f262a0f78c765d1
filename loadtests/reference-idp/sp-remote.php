<?php
// Writes saml20-sp-remote.php for every virtual SP metadata file (load-sp-*.xml) in the folder given, so SimpleSAMLphp
// reads the SPs as compiled PHP arrays (its fast path) rather than parsing XML per request.
// Usage: php sp-remote.php SP_DIR > saml20-sp-remote.php
$md = 'urn:oasis:names:tc:SAML:2.0:metadata';
$ds = 'http://www.w3.org/2000/09/xmldsig#';
$post = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
$out = "<?php\n";
foreach (glob(rtrim($argv[1], '/') . '/load-sp-*.xml') as $file) {
    $xml = new DOMDocument();
    $xml->load($file);
    $xpath = new DOMXPath($xml);
    $xpath->registerNamespace('md', $md);
    $xpath->registerNamespace('ds', $ds);
    $entityId = $xml->documentElement->getAttribute('entityID');
    $acs = $xpath->query('//md:SPSSODescriptor/md:AssertionConsumerService[@Binding="' . $post . '"]')->item(0)->getAttribute('Location');
    $cert = preg_replace('/\s+/', '', $xpath->query('//md:KeyDescriptor//ds:X509Certificate')->item(0)->textContent);
    $entry = [
        'AssertionConsumerService' => [['Binding' => $post, 'Location' => $acs]],
        'certData' => $cert,
        'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
    ];
    $out .= '$metadata[' . var_export($entityId, true) . '] = ' . var_export($entry, true) . ";\n";
}
echo $out;
