package mot

// SignTest is signTest, for the tests of package mot_test.
var SignTest = signTest
