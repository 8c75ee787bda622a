def generated = new File(basedir, 'target/generated-sources/ess/org/example/sync')
assert new File(generated, 'city2dmv/City2dmvConnector.java').isFile()
assert new File(generated, 'county_fees/CountyFeesConnector.java').isFile()
// Each WSDL's stubs in a package of their own.
assert new File(generated, 'soap/dmv/PermitService.java').isFile()
assert new File(generated, 'soap/county/fees/FeeService.java').isFile()

def log = new File(basedir, 'build.log').text
assert log.contains('wsimport run on 2 WSDL(s)')
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0')
assert new File(basedir, 'target/two-partners-1.0.jar').isFile()
