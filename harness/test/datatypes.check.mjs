// Checks for the harness DataTypes and Json modules, run inside luau-web.
// All assertions run in a single Luau call; failures come back as one string.
// Usage (from the repository root): node harness/test/datatypes.check.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LuauState } from 'luau-web';

const luauDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'luau');

const state = await LuauState.createAsync();
state.env.set('hostCompile', (src, name) => state.loadstring(src, name, true), true);
state.env.set('hostRead', (name) => readFileSync(join(luauDir, `${name}.luau`), 'utf8'), true);

// String.raw keeps Luau escapes verbatim; the Luau code must not contain "${".
const checks = String.raw`
local loaded = {}
local function hrequire(name)
	local m = loaded[name]
	if m == nil then
		m = hostCompile(hostRead(name), "=" .. name)(hrequire)
		loaded[name] = m
	end
	return m
end

local DT = hrequire("DataTypes")
local Json = hrequire("Json")
local Vector3, Vector2, CFrame, Color3 = DT.Vector3, DT.Vector2, DT.CFrame, DT.Color3
local UDim, UDim2, NumberRange, Random, Enum = DT.UDim, DT.UDim2, DT.NumberRange, DT.Random, DT.Enum
local typeof = DT.typeof
local abs, pi = math.abs, math.pi

local count, failures = 0, {}
local group = "?"

local function check(name, cond, detail)
	count += 1
	if not cond then
		failures[#failures + 1] = group .. ": " .. name .. (if detail ~= nil then " (" .. tostring(detail) .. ")" else "")
	end
end

-- returns true when fn raises and the message contains the plain substring
local function throws(fn, substring)
	local ok, err = pcall(fn)
	if ok then
		return false, "did not error"
	end
	err = tostring(err)
	if substring and not string.find(err, substring, 1, true) then
		return false, err
	end
	return true, err
end

local function near(a, b, eps)
	return abs(a - b) <= (eps or 1e-9)
end

local function cfNear(a, b, eps)
	return a:FuzzyEq(b, eps or 1e-9)
end

local function deepEq(a, b)
	if type(a) ~= type(b) then
		return false
	end
	if type(a) ~= "table" then
		return a == b
	end
	for k, v in a do
		if not deepEq(v, b[k]) then
			return false
		end
	end
	for k in b do
		if a[k] == nil then
			return false
		end
	end
	return true
end

local function run(name, fn)
	group = name
	local ok, err = pcall(fn)
	if not ok then
		count += 1
		failures[#failures + 1] = name .. ": group raised " .. tostring(err)
	end
end

run("Vector3", function()
	local a, b = Vector3.new(1, 2, 3), Vector3.new(4, 5, 6)
	check("add", a + b == Vector3.new(5, 7, 9))
	check("sub", b - a == Vector3.new(3, 3, 3))
	check("mul vec*num", a * 2 == Vector3.new(2, 4, 6))
	check("mul num*vec", 2 * a == Vector3.new(2, 4, 6))
	check("mul vec*vec", a * b == Vector3.new(4, 10, 18))
	check("div vec/num", b / 2 == Vector3.new(2, 2.5, 3))
	check("div vec/vec", b / a == Vector3.new(4, 2.5, 2))
	check("div num/vec", 6 / a == Vector3.new(6, 3, 2))
	check("idiv", b // 4 == Vector3.new(1, 1, 1))
	check("unm", -a == Vector3.new(-1, -2, -3))
	check("eq by value, distinct tables", a == Vector3.new(1, 2, 3) and not rawequal(a, Vector3.new(1, 2, 3)))
	check("neq", a ~= b)
	check("default args", Vector3.new() == Vector3.zero and Vector3.new(1) == Vector3.new(1, 0, 0))
	check("constants", Vector3.one == Vector3.new(1, 1, 1) and Vector3.xAxis == Vector3.new(1, 0, 0)
		and Vector3.yAxis == Vector3.new(0, 1, 0) and Vector3.zAxis == Vector3.new(0, 0, 1))
	check("Magnitude", Vector3.new(3, 4, 12).Magnitude == 13)
	local u = Vector3.new(0, 3, 4).Unit
	check("Unit", near(u.Magnitude, 1) and u:FuzzyEq(Vector3.new(0, 0.6, 0.8), 1e-12), u)
	check("Cross", Vector3.xAxis:Cross(Vector3.yAxis) == Vector3.zAxis and Vector3.yAxis:Cross(Vector3.xAxis) == -Vector3.zAxis)
	check("Dot", a:Dot(b) == 32)
	check("Lerp", a:Lerp(b, 0.5) == Vector3.new(2.5, 3.5, 4.5))
	check("FuzzyEq", a:FuzzyEq(Vector3.new(1 + 1e-7, 2, 3)) and not a:FuzzyEq(Vector3.new(1.1, 2, 3)))
	check("Abs/Floor/Ceil/Sign", Vector3.new(-1.5, 2.5, 0):Abs() == Vector3.new(1.5, 2.5, 0)
		and Vector3.new(-1.5, 2.5, 0):Floor() == Vector3.new(-2, 2, 0)
		and Vector3.new(-1.5, 2.5, 0):Ceil() == Vector3.new(-1, 3, 0)
		and Vector3.new(-1.5, 2.5, 0):Sign() == Vector3.new(-1, 1, 0))
	check("Min/Max", a:Min(Vector3.new(0, 5, 2)) == Vector3.new(0, 2, 2) and a:Max(Vector3.new(0, 5, 2), Vector3.new(9, 0, 0)) == Vector3.new(9, 5, 3))
	check("Angle", near(Vector3.xAxis:Angle(Vector3.yAxis), pi / 2))
	check("Angle signed", near(Vector3.xAxis:Angle(Vector3.yAxis, -Vector3.zAxis), -pi / 2))
	check("tostring", tostring(a) == "1, 2, 3" and tostring(Vector3.new(0.5, -1, 2)) == "0.5, -1, 2", tostring(a))
	check("unknown member errors", throws(function() return a.Foo end, "Foo is not a valid member of Vector3"))
	check("new key assignment errors", throws(function() a.Foo = 1 end, "Foo cannot be assigned to"))
	check("component assignment errors", throws(function() a.X = 1 end) and a.X == 1)
	check("bad operand errors", throws(function() return a + 1 end, "Vector3 expected"))
end)

run("Vector2", function()
	local a, b = Vector2.new(3, 4), Vector2.new(1, 2)
	check("ops", a + b == Vector2.new(4, 6) and a - b == Vector2.new(2, 2) and a * 2 == Vector2.new(6, 8)
		and 2 * a == Vector2.new(6, 8) and a / 2 == Vector2.new(1.5, 2) and -a == Vector2.new(-3, -4)
		and a * b == Vector2.new(3, 8))
	check("Magnitude/Unit", a.Magnitude == 5 and a.Unit:FuzzyEq(Vector2.new(0.6, 0.8), 1e-12))
	check("Dot/Cross", a:Dot(b) == 11 and a:Cross(b) == 2 and Vector2.xAxis:Cross(Vector2.yAxis) == 1)
	check("Lerp", Vector2.zero:Lerp(a, 0.5) == Vector2.new(1.5, 2))
	check("Angle", near(Vector2.xAxis:Angle(Vector2.yAxis), pi / 2) and near(Vector2.yAxis:Angle(Vector2.xAxis, true), -pi / 2))
	check("tostring", tostring(a) == "3, 4")
	check("unknown member", throws(function() return a.Z end, "Z is not a valid member of Vector2"))
end)

run("CFrame", function()
	local id = CFrame.new()
	check("identity", id == CFrame.identity and select("#", id:GetComponents()) == 12)
	check("tostring", tostring(CFrame.new(1, 2, 3)) == "1, 2, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1", tostring(CFrame.new(1, 2, 3)))
	check("Position/p/XYZ", CFrame.new(1, 2, 3).Position == Vector3.new(1, 2, 3) and CFrame.new(Vector3.new(1, 2, 3)).p == Vector3.new(1, 2, 3)
		and CFrame.new(1, 2, 3).X == 1 and CFrame.new(1, 2, 3).Z == 3)
	check("composition translation", (CFrame.new(1, 0, 0) * CFrame.new(0, 2, 0)).Position == Vector3.new(1, 2, 0))
	check("eq by value", CFrame.new(1, 2, 3) == CFrame.new(1, 2, 3) and CFrame.new(1, 2, 3) ~= CFrame.new(1, 2, 4))

	local rng = Random.new(42)
	local function randCF()
		return CFrame.new(rng:NextNumber(-100, 100), rng:NextNumber(-100, 100), rng:NextNumber(-100, 100))
			* CFrame.Angles(rng:NextNumber(-pi, pi), rng:NextNumber(-pi, pi), rng:NextNumber(-pi, pi))
	end

	local okInv, okEuler, okOrient, okSpace, okPoint, okVec, okQuat, okAxis, okMatrix, okOrtho = true, true, true, true, true, true, true, true, true, true
	for _ = 1, 200 do
		local a, b = randCF(), randCF()
		if not cfNear(a * a:Inverse(), CFrame.identity) or not cfNear(a:Inverse() * a, CFrame.identity) then
			okInv = false
		end
		local rx, ry, rz = rng:NextNumber(-pi, pi), rng:NextNumber(-1.5, 1.5), rng:NextNumber(-pi, pi)
		local ex, ey, ez = CFrame.Angles(rx, ry, rz):ToEulerAnglesXYZ()
		if not (near(ex, rx) and near(ey, ry) and near(ez, rz)) then
			okEuler = false
		end
		local ox, oy, oz = CFrame.fromOrientation(ry, rx, rz):ToOrientation()
		if not (near(ox, ry) and near(oy, rx) and near(oz, rz)) then
			okOrient = false
		end
		if not cfNear(a:ToWorldSpace(a:ToObjectSpace(b)), b, 1e-8) or not cfNear(a * a:ToObjectSpace(b), b, 1e-8) then
			okSpace = false
		end
		local p = Vector3.new(rng:NextNumber(-50, 50), rng:NextNumber(-50, 50), rng:NextNumber(-50, 50))
		if not a:PointToWorldSpace(a:PointToObjectSpace(p)):FuzzyEq(p, 1e-9) or not (a * p):FuzzyEq(a:PointToWorldSpace(p), 0) then
			okPoint = false
		end
		if not a:VectorToObjectSpace(a:VectorToWorldSpace(p)):FuzzyEq(p, 1e-9) or not a:VectorToWorldSpace(p):FuzzyEq(a.Rotation * p, 1e-12) then
			okVec = false
		end
		local qx, qy, qz, qw = CFrame.toQuaternion(a)
		if not cfNear(CFrame.new(a.X, a.Y, a.Z, qx, qy, qz, qw), a) then
			okQuat = false
		end
		local axis, angle = a:ToAxisAngle()
		if not cfNear(CFrame.fromAxisAngle(axis, angle), a.Rotation) then
			okAxis = false
		end
		if not cfNear(CFrame.fromMatrix(a.Position, a.XVector, a.YVector, a.ZVector), a, 0)
			or not cfNear(CFrame.fromMatrix(a.Position, a.XVector, a.YVector), a) then
			okMatrix = false
		end
		if not cfNear(a:Orthonormalize(), a) then
			okOrtho = false
		end
	end
	check("cf * cf:Inverse() == identity (200 random)", okInv)
	check("Angles <-> ToEulerAnglesXYZ round trip", okEuler)
	check("fromOrientation <-> ToOrientation round trip", okOrient)
	check("ToObjectSpace/ToWorldSpace inverse pair", okSpace)
	check("PointToObjectSpace/PointToWorldSpace inverse pair, cf*v", okPoint)
	check("VectorToObjectSpace/VectorToWorldSpace inverse pair", okVec)
	check("toQuaternion -> quaternion constructor round trip", okQuat)
	check("ToAxisAngle -> fromAxisAngle round trip", okAxis)
	check("fromMatrix rebuilds the CFrame", okMatrix)
	check("Orthonormalize keeps an orthonormal CFrame", okOrtho)

	-- quaternion constructor -> toQuaternion for a known unit quaternion
	local qx, qy, qz, qw = 0.1, -0.5, 0.3, 0
	local n = math.sqrt(qx * qx + qy * qy + qz * qz + 0.7 * 0.7)
	qx, qy, qz, qw = qx / n, qy / n, qz / n, 0.7 / n
	local ax, ay, az, aw = CFrame.toQuaternion(CFrame.new(0, 0, 0, qx, qy, qz, qw))
	check("quaternion constructor -> toQuaternion", near(ax, qx) and near(ay, qy) and near(az, qz) and near(aw, qw))
	check("quaternion constructor normalises", cfNear(CFrame.new(0, 0, 0, 2 * qx, 2 * qy, 2 * qz, 2 * qw), CFrame.new(0, 0, 0, qx, qy, qz, qw)))

	check("Angles order is Rx*Ry*Rz", cfNear(CFrame.Angles(0.3, 0.5, 0.7), CFrame.Angles(0.3, 0, 0) * CFrame.Angles(0, 0.5, 0) * CFrame.Angles(0, 0, 0.7)))
	check("fromEulerAnglesYXZ order is Ry*Rx*Rz", cfNear(CFrame.fromEulerAnglesYXZ(0.3, 0.5, 0.7), CFrame.Angles(0, 0.5, 0) * CFrame.Angles(0.3, 0, 0) * CFrame.Angles(0, 0, 0.7)))
	local yaw = CFrame.Angles(0, pi / 2, 0)
	check("yaw 90 turns LookVector to -X", yaw.LookVector:FuzzyEq(Vector3.new(-1, 0, 0), 1e-12) and yaw.RightVector:FuzzyEq(Vector3.new(0, 0, -1), 1e-12), yaw.LookVector)
	check("LookVector == -ZVector, RightVector == XVector, UpVector == YVector", yaw.LookVector == -yaw.ZVector and yaw.RightVector == yaw.XVector and yaw.UpVector == yaw.YVector)
	check("fromAxisAngle matches Angles", cfNear(CFrame.fromAxisAngle(Vector3.yAxis, pi / 2), yaw))
	check("CFrame * Vector3", ((CFrame.new(1, 2, 3) * yaw) * Vector3.new(0, 0, -1)):FuzzyEq(Vector3.new(0, 2, 3), 1e-12))
	check("CFrame +/- Vector3", (yaw + Vector3.new(1, 2, 3)).Position == Vector3.new(1, 2, 3) and (yaw - Vector3.new(1, 2, 3)).Position == Vector3.new(-1, -2, -3)
		and (yaw + Vector3.one).Rotation == yaw)
	check("Rotation drops position", (CFrame.new(5, 6, 7) * yaw).Rotation == yaw)

	local at, target = Vector3.new(1, 2, 3), Vector3.new(-4, 7, 10)
	local look = CFrame.lookAt(at, target)
	check("lookAt LookVector points at target", look.LookVector:FuzzyEq((target - at).Unit, 1e-12) and look.Position == at)
	check("lookAt is orthonormal and right-handed", near(look.UpVector:Dot(look.LookVector), 0) and near(look.RightVector.Y, 0)
		and look.XVector:Cross(look.YVector):FuzzyEq(look.ZVector, 1e-12))
	check("CFrame.new(pos, lookAt) == lookAt", CFrame.new(at, target) == look)
	local up = CFrame.lookAt(Vector3.zero, Vector3.new(0, 5, 0))
	check("lookAt straight up", up.LookVector:FuzzyEq(Vector3.yAxis, 1e-12) and up.XVector:Cross(up.YVector):FuzzyEq(up.ZVector, 1e-12), up)
	check("lookAt with custom up", CFrame.lookAt(Vector3.zero, Vector3.new(0, 0, -1), Vector3.xAxis).UpVector:FuzzyEq(Vector3.xAxis, 1e-12))

	local a = CFrame.new(0, 0, 0)
	local b = CFrame.new(10, 20, 30) * CFrame.Angles(0, pi / 2, 0)
	check("Lerp at 0", a:Lerp(b, 0) == a)
	check("Lerp at 1", a:Lerp(b, 1) == b)
	local mid = a:Lerp(b, 0.5)
	check("Lerp at 0.5", mid.Position == Vector3.new(5, 10, 15) and cfNear(mid.Rotation, CFrame.Angles(0, pi / 4, 0)), mid)
	check("ToWorldSpace is variadic", select("#", a:ToWorldSpace(b, b, b)) == 3)
	check("components alias", select(4, CFrame.new(1, 2, 3):components()) == 1)
	check("unknown member", throws(function() return a.Foo end, "Foo is not a valid member of CFrame"))
	check("LookVector of identity", CFrame.identity.LookVector == Vector3.new(0, 0, -1))
end)

run("Color3", function()
	local c = Color3.fromRGB(255, 128, 0)
	check("fromRGB", c.R == 1 and c.G == 128 / 255 and c.B == 0)
	check("fromHex", Color3.fromHex("#FF8000") == c and Color3.fromHex("ff8000") == c and Color3.fromHex("#F00") == Color3.new(1, 0, 0))
	check("ToHex", c:ToHex() == "ff8000", c:ToHex())
	local h, s, v = Color3.fromHSV(0.25, 0.5, 0.75):ToHSV()
	check("HSV round trip", near(h, 0.25) and near(s, 0.5) and near(v, 0.75))
	check("fromHSV red", Color3.fromHSV(0, 1, 1) == Color3.new(1, 0, 0))
	check("Lerp", Color3.new(0, 0, 0):Lerp(Color3.new(1, 1, 1), 0.5) == Color3.new(0.5, 0.5, 0.5))
	check("bad hex errors", throws(function() return Color3.fromHex("zzzzzz") end))
end)

run("UDim", function()
	local u = UDim2.new(0.5, 10, 1, -5)
	check("fields", u.X.Scale == 0.5 and u.X.Offset == 10 and u.Y.Scale == 1 and u.Y.Offset == -5 and u.Width == u.X and u.Height == u.Y)
	check("fromScale/fromOffset", UDim2.fromScale(0.5, 1) == UDim2.new(0.5, 0, 1, 0) and UDim2.fromOffset(3, 4) == UDim2.new(0, 3, 0, 4))
	check("add/sub", u + UDim2.new(0.5, 1, 0, 5) == UDim2.new(1, 11, 1, 0) and u - u == UDim2.new())
	check("Lerp", UDim2.new():Lerp(u, 0.5) == UDim2.new(0.25, 5, 0.5, -2.5))
	check("tostring", tostring(u) == "{0.5, 10}, {1, -5}", tostring(u))
	check("UDim", UDim.new(1, 2) + UDim.new(3, 4) == UDim.new(4, 6) and UDim.new(1, 2).Offset == 2 and UDim2.new(UDim.new(1, 2), UDim.new(3, 4)) == UDim2.new(1, 2, 3, 4))
	check("NumberRange", NumberRange.new(2).Min == 2 and NumberRange.new(2).Max == 2 and NumberRange.new(1, 3).Max == 3
		and throws(function() return NumberRange.new(3, 1) end))
end)

run("Random", function()
	local a, b = Random.new(1234), Random.new(1234)
	local same = true
	for _ = 1, 1000 do
		if a:NextNumber() ~= b:NextNumber() or a:NextInteger(-5, 5) ~= b:NextInteger(-5, 5) then
			same = false
		end
	end
	check("same seed same sequence", same)
	local c, d = Random.new(1), Random.new(2)
	local diff = 0
	for _ = 1, 100 do
		if c:NextNumber() ~= d:NextNumber() then
			diff += 1
		end
	end
	check("different seeds differ", diff > 95, diff)
	check("fractional/negative seeds", Random.new(1.5):NextNumber() ~= Random.new(1):NextNumber()
		and Random.new(-1):NextNumber() ~= Random.new(1):NextNumber()
		and Random.new(-2.25):NextNumber() == Random.new(-2.25):NextNumber())
	for _ = 1, 17 do
		a:NextNumber()
	end
	local cl = a:Clone()
	local cloneSame = true
	for _ = 1, 100 do
		if cl:NextNumber() ~= a:NextNumber() then
			cloneSame = false
		end
	end
	check("Clone continues identically", cloneSame)

	local r = Random.new(99)
	local lo, hi, outside = false, false, false
	for _ = 1, 100000 do
		local v = r:NextInteger(1, 6)
		if v == 1 then
			lo = true
		elseif v == 6 then
			hi = true
		end
		if v < 1 or v > 6 or v % 1 ~= 0 then
			outside = true
		end
	end
	check("NextInteger hits both ends, never outside", lo and hi and not outside)
	check("NextInteger(n, n)", r:NextInteger(7, 7) == 7)
	check("NextInteger min>max errors", throws(function() return r:NextInteger(5, 4) end, "max must be greater than or equal to min"))

	local sum, sumSq, n, inRange = 0, 0, 100000, true
	for _ = 1, n do
		local x = r:NextNumber()
		if x < 0 or x >= 1 then
			inRange = false
		end
		sum += x
		sumSq += x * x
	end
	local mean = sum / n
	local var = sumSq / n - mean * mean
	check("NextNumber in [0,1)", inRange)
	check("NextNumber mean ~ 0.5", abs(mean - 0.5) < 0.01, mean)
	check("NextNumber variance ~ 1/12", abs(var - 1 / 12) < 0.005, var)
	local okRange = true
	for _ = 1, 1000 do
		local x = r:NextNumber(-3, 5)
		if x < -3 or x >= 5 then
			okRange = false
		end
	end
	check("NextNumber(min, max)", okRange)
	check("NextUnitVector", near(r:NextUnitVector().Magnitude, 1, 1e-12) and typeof(r:NextUnitVector()) == "Vector3")
	local arr = {}
	for i = 1, 50 do
		arr[i] = i
	end
	local arr2 = table.clone(arr)
	Random.new(5):Shuffle(arr)
	Random.new(5):Shuffle(arr2)
	local seen, moved = {}, 0
	for i = 1, 50 do
		seen[arr[i]] = true
		if arr[i] ~= i then
			moved += 1
		end
	end
	local perm = true
	for i = 1, 50 do
		perm = perm and seen[i] == true
	end
	check("Shuffle permutes deterministically", perm and moved > 30 and deepEq(arr, arr2))
	local u1, u2 = Random.new(), Random.new()
	check("unseeded Random differs per instance", u1:NextNumber() ~= u2:NextNumber())
end)

run("Enum", function()
	local f8 = Enum.KeyCode.F8
	check("identity", rawequal(f8, Enum.KeyCode.F8) and f8 == Enum.KeyCode.F8 and f8 ~= Enum.KeyCode.F9)
	check("tostring", tostring(f8) == "Enum.KeyCode.F8" and tostring(Enum.KeyCode) == "KeyCode", tostring(f8))
	check("fields", f8.Name == "F8" and f8.Value == 289 and rawequal(f8.EnumType, Enum.KeyCode))
	check("builtin values", Enum.KeyCode.A.Value == 97 and Enum.KeyCode.Return.Value == 13 and Enum.Material.Plastic.Value == 256
		and Enum.NormalId.Front.Value == 5 and Enum.UserInputType.Keyboard.Value == 8 and Enum.SortOrder.LayoutOrder.Value == 2)
	check("IsA", f8:IsA("KeyCode") and not f8:IsA("Material"))
	check("lazy sequential values", Enum.SkyrocketTestEnum.First.Value == 0 and Enum.SkyrocketTestEnum.Second.Value == 1
		and Enum.SkyrocketTestEnum.First.Value == 0)
	local items = Enum.SkyrocketTestEnum:GetEnumItems()
	check("GetEnumItems", #items == 2 and items[1] == Enum.SkyrocketTestEnum.First and items[2] == Enum.SkyrocketTestEnum.Second)
	check("GetEnumItems includes built-ins", #Enum.NormalId:GetEnumItems() == 6)
	check("FromName/FromValue", Enum.KeyCode:FromName("F8") == f8 and Enum.KeyCode:FromValue(289) == f8 and Enum.KeyCode:FromValue(-12345) == nil)
	local found = false
	for _, e in Enum:GetEnums() do
		found = found or rawequal(e, Enum.KeyCode)
	end
	check("GetEnums", found)
	check("items are immutable", throws(function() f8.Value = 3 end) and f8.Value == 289)
end)

run("typeof", function()
	check("Vector3", typeof(Vector3.one) == "Vector3")
	check("Vector2", typeof(Vector2.one) == "Vector2")
	check("CFrame", typeof(CFrame.identity) == "CFrame")
	check("Color3", typeof(Color3.new()) == "Color3")
	check("UDim/UDim2", typeof(UDim.new()) == "UDim" and typeof(UDim2.new()) == "UDim2")
	check("NumberRange/Random", typeof(NumberRange.new(1)) == "NumberRange" and typeof(Random.new(1)) == "Random")
	check("Enum kinds", typeof(Enum.KeyCode.A) == "EnumItem" and typeof(Enum.KeyCode) == "Enum" and typeof(Enum) == "Enums")
	check("builtins", typeof(1) == "number" and typeof({}) == "table" and typeof("s") == "string" and typeof(nil) == "nil"
		and typeof(buffer.create(1)) == "buffer" and typeof(setmetatable({}, {})) == "table")
	check("isDataType", DT.isDataType(Vector3.one) and DT.isDataType(Enum.KeyCode.A) and DT.isDataType(Random.new(1))
		and not DT.isDataType({}) and not DT.isDataType(5))
end)

run("Json", function()
	local enc, dec = Json.encode, Json.decode
	check("scalars", enc(1) == "1" and enc(-2.5) == "-2.5" and enc(true) == "true" and enc(false) == "false" and enc(nil) == "null" and enc("a") == '"a"')
	check("integers without decimals", enc(2 ^ 53) == "9007199254740992" and enc(1e15) == "1000000000000000" and enc(-7) == "-7", enc(1e15))
	check("nan/inf -> null", enc(0 / 0) == "null" and enc(math.huge) == "null" and enc({ -math.huge }) == "[null]")
	check("empty table -> []", enc({}) == "[]")
	check("array", enc({ 1, 2, 3 }) == "[1,2,3]")
	check("object sorted keys", enc({ b = { true, false }, a = 1 }) == '{"a":1,"b":[true,false]}', enc({ b = { true, false }, a = 1 }))
	local raw = 'q"b\\s/\n\r\t\b\f\1\31\127'
	local escaped = enc(raw)
	check("escapes", escaped == '"q\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f"', escaped)
	check("escape round trip", dec(escaped) == raw)
	check("decode all short escapes", dec('"\\"\\\\\\/\\b\\f\\n\\r\\t"') == '"\\/\b\f\n\r\t')
	check("unicode escapes -> UTF-8", dec('"\\u00e9\\u4E2D\\ud83d\\ude00"') == "\u{e9}\u{4e2d}\u{1f600}")
	check("raw UTF-8 passes through", enc("\u{e9}\u{1f600}") == '"\u{e9}\u{1f600}"' and dec('"\u{e9}\u{1f600}"') == "\u{e9}\u{1f600}")
	check("lone surrogate -> U+FFFD", dec('"\\ud800x"') == "\u{fffd}x")
	local nested = { name = "sky", list = { 1, 2.5, { deep = { "x", "y" } }, {} }, flag = false, obj = { n = -1e-7, s = "" } }
	local back = dec(enc(nested))
	check("nested round trip", deepEq(back, nested), enc(nested))
	local rng = Random.new(7)
	local floatsOk = true
	for _ = 1, 1000 do
		local x = (rng:NextNumber() - 0.5) * 10 ^ rng:NextInteger(-20, 20)
		if dec(enc(x)) ~= x then
			floatsOk = false
		end
	end
	check("float round trip", floatsOk)
	check("whitespace", deepEq(dec(' \n\t{ "a" : [ 1 , 2 ] , "b":{} }\r\n '), { a = { 1, 2 }, b = {} }))
	check("numbers", dec("-0.5e2") == -50 and dec("1E3") == 1000 and dec("0") == 0 and dec("-0.25") == -0.25 and dec("12e-1") == 1.2)
	check("literals", dec("true") == true and dec("false") == false and dec("null") == nil)
	local withNull = dec("[1,null,3]")
	check("null in array leaves a hole", withNull[1] == 1 and withNull[2] == nil and withNull[3] == 3)
	check("null in object omits key", next(dec('{"a":null}')) == nil)
	local bad = { "{", "[1,]", "01", "tru", '"abc', "1 2", '"\\x"', "", "{'a':1}", '{"a" 1}', "[1 2]", "-", "1.", '"\\u12"', '"a\nb"', "nul", "+1" }
	for _, s in bad do
		check("bad input errors: " .. s, throws(function() return dec(s) end, "Can't parse JSON"))
	end
	check("encode mixed keys errors", throws(function() return enc({ 1, a = 2 }) end, "mixed"))
	local cyc = {}
	cyc.self = cyc
	check("encode cycle errors", throws(function() return enc(cyc) end, "cycle"))
	check("encode function errors", throws(function() return enc({ f = print }) end, "function"))
	check("encode sparse errors", throws(function() return enc({ [1] = 1, [3] = 3 }) end, "sparse"))
	check("encode datatype errors", throws(function() return enc({ v = Vector3.one }) end, "Vector3"))
	local shared = { 1 }
	check("shared (non-cyclic) subtables encode", enc({ shared, shared }) == "[[1],[1]]")
end)

return count, table.concat(failures, "\n")
`;

const main = state.loadstring(checks, 'datatypesCheck', true);
const [count, failures] = await main();
if (failures) {
    console.log(failures);
    const failed = failures.split('\n').length;
    console.log(`${failed} of ${count} checks failed`);
    process.exit(1);
}
console.log(`${count} checks passed`);
process.exit(0);
