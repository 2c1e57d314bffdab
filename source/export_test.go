package source

// SetChunking makes file chunks and stream blocks small, so that tests put
// their boundaries everywhere. It returns a function restoring the sizes.
func SetChunking(chunk int64, block int) (restore func()) {
	oc, ob := chunkSize, blockSize
	chunkSize, blockSize = chunk, block
	return func() { chunkSize, blockSize = oc, ob }
}

// SetMapping turns memory-mapped reading of plain files on or off. It
// returns a function restoring the setting.
func SetMapping(on bool) (restore func()) {
	old := mapFiles
	mapFiles = on && mmapSupported
	return func() { mapFiles = old }
}
