def log = new File(basedir, 'build.log').text
assert log.contains('src/main/ess/city2dmv.essmap:2:10: error: [ESS032] unknown function \'upperr\'')
assert log.contains('  hint: did you mean \'upper\'?')
assert log.contains('src/main/ess/city2dmv.essmap:3:23: error: [ESS051] unknown target \'Permit/TruckLimt\'')
assert log.contains('ESS found 2 errors:')
assert !new File(basedir, 'target/generated-sources/ess/dev').exists()
