<?php
// Router for PHP's built-in server: the load runner reads an IdP's metadata at /saml/metadata (the broker's path), so
// that path serves SimpleSAMLphp's IdP metadata; every other path is SimpleSAMLphp's www folder as is.
if (parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) === '/saml/metadata') {
    $_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/saml2/idp/metadata.php';
    $_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/saml2/idp/metadata.php';
    chdir($_SERVER['DOCUMENT_ROOT'] . '/saml2/idp');
    require $_SERVER['SCRIPT_FILENAME'];
    return true;
}
return false;
