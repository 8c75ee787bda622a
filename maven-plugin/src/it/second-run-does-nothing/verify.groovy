def log = new File(basedir, 'build.log').text
def runs = log.split(/Building second-run-does-nothing 1\.0/).drop(1)
assert runs.size() == 3 : "expected three builds in build.log, found ${runs.size()}"
assert runs[0].contains('ESS: 11 files generated, 11 written, wsimport run on 1 WSDL(s)')
assert runs[1].contains('ESS: up to date, nothing written (11 files in target/generated-sources/ess, ')
assert !runs[1].contains('wsimport run on')
assert runs[2].contains('ESS generation skipped (ess.skip)')
// Skipped, yet the generated sources were compiled: the source root is added before any early return.
assert new File(basedir, 'target/classes/dev/ess/samples/city2dmv/City2dmvConnector.class').isFile()
assert new File(basedir, 'target/classes/dev/ess/samples/soap/dmv/dmv.wsdl').isFile()
