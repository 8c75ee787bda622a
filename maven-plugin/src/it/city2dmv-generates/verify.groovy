def generated = new File(basedir, 'target/generated-sources/ess')
def connector = new File(generated, 'dev/ess/samples/city2dmv/City2dmvConnector.java')
assert connector.isFile()
assert connector.text.contains('permit.setID(event.requiredText("permit_id")); // city2dmv.essmap:1')
assert new File(generated, 'dev/ess/samples/soap/dmv/PermitService.java').isFile()
def services = new File(basedir, 'target/generated-resources/ess/META-INF/services/dev.ess.runtime.SoapConnector')
assert services.text == 'dev.ess.samples.city2dmv.City2dmvConnector\n'
assert new File(basedir, 'target/generated-resources/ess/dev/ess/samples/soap/dmv/dmv.wsdl').isFile()
// ess:schema writes the manifest's JSON Schema beside the manifests, for editors.
def schema = new File(basedir, 'src/main/ess/ess-manifest.schema.json')
assert schema.isFile()
assert schema.text.contains('"title": "ESS connector manifest"')
assert schema.text.contains('"debounce_sec"')
