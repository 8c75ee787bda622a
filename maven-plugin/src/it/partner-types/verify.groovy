def generated = new File(basedir, 'target/generated-sources/ess/org/example/sync')
assert new File(generated, 'city2inspections/City2inspectionsConnector.java').isFile()
assert new File(generated, 'soap/inspections/PermitStatus.java').isFile()

def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 6, Failures: 0, Errors: 0, Skipped: 0')
