// An add and a row softmax over 256 x 768: large enough for parallel tasks (model-versions.test).
func.func @main(%x: tensor<256x768xf32> {tfc.name = "x"}, %y: tensor<256x768xf32> {tfc.name = "y"}) -> (tensor<256x768xf32> {tfc.name = "z"}) {
  %0 = tfc.add %x, %y : (tensor<256x768xf32>, tensor<256x768xf32>) -> tensor<256x768xf32>
  %1 = tfc.softmax %0 {axis = 1 : i64} : tensor<256x768xf32>
  return %1 : tensor<256x768xf32>
}
